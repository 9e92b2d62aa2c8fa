package io.ctpipe.transforms.process;

import io.ctpipe.models.bpr.BodyPartRegression;
import io.ctpipe.models.bpr.BprCard;
import io.ctpipe.models.bpr.BprCards;
import io.ctpipe.models.card.ModelCard;
import io.ctpipe.models.card.ModelCards;
import io.ctpipe.models.segment.SegBuilder;
import io.ctpipe.models.segment.Segmenter;
import java.util.ArrayList;
import java.util.List;

/**
 * The models one worker thread runs: body part regression (optional) and segmenters, each holding a lease on a
 * JVM-wide shared network (oneDNN or ONNX Runtime; each file checked against its card's SHA-256).
 * {@link #configurationHash()} identifies models, settings, backends and precisions for skip markers.
 */
final class ModelSet implements AutoCloseable {
  private final BodyPartRegression bpr;
  private final List<Segmenter> segmenters = new ArrayList<>();
  private final String configurationHash;

  ModelSet(ProcessingConfig config) throws Exception {
    StringBuilder identity = new StringBuilder("seg-type=" + config.segType());
    try {
      if (config.bprModel() != null) {
        BprCard card = BprCards.read(ModelLocations.localCard(config.bprModel()));
        bpr = new BodyPartRegression(card, null, config.inference().applyTo(card.runtime(), card.precision()));
        identity.append("|bpr=").append(card.id()).append('@').append(card.version()).append('#')
            .append(card.sha256() != null ? card.sha256() : ModelCards.verifiedSha256(card.file(), null, card.id()))
            .append('/').append(bpr.network().describe());
      } else {
        bpr = null;
      }
      for (String reference : config.segModels()) {
        ModelCard card = ModelCards.read(ModelLocations.localCard(reference));
        Segmenter segmenter = Segmenter.open(card, config.profile(), config.inference());
        segmenters.add(segmenter);
        identity.append("|seg=").append(card.id()).append('@').append(card.version()).append('#')
            .append(card.sha256() != null ? card.sha256() : ModelCards.verifiedSha256(card)).append('/')
            .append(SegBuilder.configurationHash(card, segmenter.defaultOptions())).append('/')
            .append(segmenter.network().describe());
      }
    } catch (Exception e) {
      close();
      throw e;
    }
    configurationHash = ModelCards.sha256(identity.toString().getBytes(
        java.nio.charset.StandardCharsets.UTF_8)).substring(0, 16);
  }

  BodyPartRegression bpr() {
    return bpr;
  }

  List<Segmenter> segmenters() {
    return segmenters;
  }

  String configurationHash() {
    return configurationHash;
  }

  @Override
  public void close() throws Exception {
    for (Segmenter s : segmenters) {
      s.close();
    }
    if (bpr != null) {
      bpr.close();
    }
  }
}
