package io.ctpipe.transforms.process;

import io.ctpipe.dicom.SafePaths;
import io.ctpipe.dicom.seg.SegmentationTypeChoice;
import io.ctpipe.models.bpr.BprCard;
import io.ctpipe.models.bpr.BprCards;
import io.ctpipe.models.bpr.SliceScorer;
import io.ctpipe.models.card.ModelCard;
import io.ctpipe.models.card.ModelCards;
import io.ctpipe.models.runtime.InferenceResolver;
import io.ctpipe.models.runtime.ResolvedInference;
import io.ctpipe.models.segment.SegmentationSetup;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The models and settings of a run as one typed description, resolved and validated before any CT is read (at
 * launch, and again by each worker from the launch's choices): body part regression card, model file hash, settings
 * and what runs it; each segmentation model's {@link SegmentationSetup}; the SEG type. {@link #hash()} names the
 * per-series results' folder and the series_qa rows' configuration column; two runs with the same hash produce the
 * same results.
 *
 * @param bpr the body part regression card, or null for none
 * @param bprSha256 its model file's SHA-256 (null without BPR)
 * @param bprInference the backend and precision that run it, with the reason of a fallback (null without BPR)
 * @param stowUrl the DICOMweb store every SEG is also stored in, or null (a result stored elsewhere is another one)
 */
public record RunConfiguration(SegmentationTypeChoice segType, BprCard bpr, String bprSha256,
    ResolvedInference bprInference, List<SegmentationSetup> segmentation, String stowUrl) {

  public RunConfiguration {
    segmentation = List.copyOf(segmentation);
  }

  /**
   * Reads and checks every card the processing settings name and resolves what runs each network: as
   * {@link ProcessingConfig#resolved()} says for the references it names, else on this machine.
   *
   * @throws IllegalArgumentException naming the option and model when a card or a setting is wrong
   */
  public static RunConfiguration resolve(ProcessingConfig config) {
    BprCard bpr = null;
    String bprSha = null;
    ResolvedInference bprInference = null;
    if (config.bprModel() != null) {
      try {
        bpr = BprCards.read(ModelLocations.localCard(config.bprModel()));
        bprSha = ModelCards.verifiedSha256(bpr.file(), bpr.sha256(), bpr.id());
        bprInference = resolver(config, config.bprModel()).resolve(bpr.network(bprSha), SliceScorer.sliceSize(),
            config.inference().applyTo(bpr.runtime(), bpr.precision()));
      } catch (Exception e) {
        throw new IllegalArgumentException("--bprModel " + config.bprModel() + ": " + e.getMessage(), e);
      }
    }
    List<SegmentationSetup> setups = new ArrayList<>();
    for (String reference : config.segModels()) {
      try {
        ModelCard card = ModelCards.read(ModelLocations.localCard(reference));
        SafePaths.requireFileName("model id", card.id()); // it names every SEG of the model
        setups.add(SegmentationSetup.of(card, config.profile(), config.inference(), resolver(config, reference)));
      } catch (Exception e) {
        throw new IllegalArgumentException("--segModel " + reference + ": " + e.getMessage(), e);
      }
    }
    return new RunConfiguration(config.segType(), bpr, bprSha, bprInference, setups, config.stowUrl());
  }

  private static InferenceResolver resolver(ProcessingConfig config, String reference) {
    ResolvedInference launched = config.resolved().get(reference);
    return launched == null ? InferenceResolver.here() : InferenceResolver.pinned(launched);
  }

  /**
   * {@code config} (the one this was resolved from) with what each model runs on and this configuration's
   * identity, for the workers: they open exactly that, whatever their CPU would choose, and refuse to process when
   * their own resolution differs ({@link ConfigurationMismatchException}), so that every result carries this
   * configuration's identity.
   */
  public ProcessingConfig forWorkers(ProcessingConfig config) {
    Map<String, ResolvedInference> choices = new HashMap<>();
    if (bpr != null) {
      choices.put(config.bprModel(), bprInference);
    }
    for (int i = 0; i < segmentation.size(); i++) {
      choices.put(config.segModels().get(i), segmentation.get(i).inference());
    }
    return config.withResolved(choices).withLaunchIdentity(identity());
  }

  /** Every setting that changes a result, one model per line. */
  public String identity() {
    StringBuilder text = new StringBuilder("seg-type=" + segType);
    if (bpr != null) {
      text.append("\nbpr=").append(bpr.id()).append('@').append(bpr.version()).append('#').append(bprSha256)
          .append(' ').append(bpr.settings().canonical()).append(" inference=").append(bprInference.identity());
    }
    for (SegmentationSetup setup : segmentation) {
      text.append("\nseg=").append(setup.identity());
    }
    if (stowUrl != null) {
      text.append("\nstow=").append(stowUrl);
    }
    return text.toString();
  }

  /** The first 16 hex digits of the identity's SHA-256. */
  public String hash() {
    return hashOf(identity());
  }

  static String hashOf(String identity) {
    return ModelCards.sha256(identity.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
  }
}
