package io.ctpipe.transforms.process;

import io.ctpipe.dicom.seg.SegmentationTypeChoice;
import io.ctpipe.models.card.SpeedProfile;
import io.ctpipe.models.runtime.InferenceOverrides;
import io.ctpipe.transforms.fetch.FetchConfig;
import java.io.Serializable;
import java.util.List;

/**
 * What every worker needs to process a series: models, threads, outputs and the run's identity.
 *
 * @param output root of the SEG files and skip markers (any Beam FileSystems location)
 * @param bprModel body part regression card ("zoo:bpr-vgg16", a path or a FileSystems URI), or null for none
 * @param segModels segmentation cards, each "zoo:ID", a path or a FileSystems URI
 * @param inference runtime and precision overrides (null: each card's) and ONNX Runtime intra-op threads
 * @param profile named sliding-window settings for every segmentation model (null: each card's)
 * @param segType AUTO (LABELMAP above 32 segments), BINARY or LABELMAP
 * @param runId names this run in every QA row
 * @param contentTime SEG content date and time, ISO-8601 local (fixed per run so re-runs write identical bytes)
 * @param skipExisting skip series whose results for the same models and settings exist
 * @param stowUrl DICOMweb store to send each SEG to, or null
 * @param ctpipeVersion written into SEGs and rows
 */
public record ProcessingConfig(String output, String bprModel, List<String> segModels, InferenceOverrides inference,
    SpeedProfile profile, SegmentationTypeChoice segType, String runId, String contentTime, boolean skipExisting, String stowUrl,
    String ctpipeVersion, FetchConfig fetch) implements Serializable {

  public ProcessingConfig {
    segModels = List.copyOf(segModels);
    java.util.Objects.requireNonNull(inference, "inference");
  }
}
