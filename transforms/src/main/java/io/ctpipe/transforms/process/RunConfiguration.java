package io.ctpipe.transforms.process;

import io.ctpipe.dicom.SafePaths;
import io.ctpipe.dicom.seg.SegmentationTypeChoice;
import io.ctpipe.models.bpr.BprCard;
import io.ctpipe.models.bpr.BprCards;
import io.ctpipe.models.card.ModelCard;
import io.ctpipe.models.card.ModelCards;
import io.ctpipe.models.runtime.InferenceSettings;
import io.ctpipe.models.segment.SegmentationSetup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The models and settings of a run as one typed description, resolved and validated before any network is opened
 * (at launch, and again by each worker): body part regression card, model file hash, settings and inference; each
 * segmentation model's {@link SegmentationSetup}; the SEG type. {@link #hash()} names the per-series results' folder
 * and the series_qa rows' configuration column; two runs with the same hash produce the same results.
 *
 * @param bpr the body part regression card, or null for none
 * @param bprSha256 its model file's SHA-256 (null without BPR)
 * @param bprInference its backend and precision (null without BPR)
 * @param stowUrl the DICOMweb store every SEG is also stored in, or null (a result stored elsewhere is another one)
 */
public record RunConfiguration(SegmentationTypeChoice segType, BprCard bpr, String bprSha256,
    InferenceSettings bprInference, List<SegmentationSetup> segmentation, String stowUrl) {

  public RunConfiguration {
    segmentation = List.copyOf(segmentation);
  }

  /**
   * Reads and checks every card the processing settings name.
   *
   * @throws IllegalArgumentException naming the option and model when a card or a setting is wrong
   */
  public static RunConfiguration resolve(ProcessingConfig config) {
    BprCard bpr = null;
    String bprSha = null;
    InferenceSettings bprInference = null;
    if (config.bprModel() != null) {
      try {
        bpr = BprCards.read(ModelLocations.localCard(config.bprModel()));
        bprSha = ModelCards.verifiedSha256(bpr.file(), bpr.sha256(), bpr.id());
        bprInference = config.inference().applyTo(bpr.runtime(), bpr.precision());
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException("--bprModel " + config.bprModel() + ": " + e.getMessage(), e);
      }
    }
    List<SegmentationSetup> setups = new ArrayList<>();
    for (String reference : config.segModels()) {
      try {
        ModelCard card = ModelCards.read(ModelLocations.localCard(reference));
        SafePaths.requireFileName("model id", card.id()); // it names every SEG of the model
        setups.add(SegmentationSetup.of(card, config.profile(), config.inference()));
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException("--segModel " + reference + ": " + e.getMessage(), e);
      }
    }
    return new RunConfiguration(config.segType(), bpr, bprSha, bprInference, setups, config.stowUrl());
  }

  /** Every setting that changes a result, one model per line. */
  public String identity() {
    StringBuilder text = new StringBuilder("seg-type=" + segType);
    if (bpr != null) {
      text.append("\nbpr=").append(bpr.id()).append('@').append(bpr.version()).append('#').append(bprSha256)
          .append(' ').append(bpr.settings().canonical()).append(" inference=").append(bprInference.backend())
          .append('/').append(bprInference.precision());
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
    return ModelCards.sha256(identity().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
  }
}
