package io.ctpipe.dicom.seg;

import java.time.LocalDateTime;

/**
 * The new series' metadata and the provenance that makes its UIDs deterministic.
 *
 * @param seriesDescription Series Description
 * @param seriesNumber Series Number
 * @param contentLabel Content Label (a CS value: upper case, digits, underscore)
 * @param contentDescription Content Description
 * @param contentCreator Content Creator's Name in Family^Given form
 * @param algorithmName model id, e.g. "tissue-ct"
 * @param algorithmVersion model version
 * @param configurationHash hash of everything else that changes the result (sliding-window settings, ...)
 * @param softwareVersion ctpipe's version
 * @param contentDateTime Content Date and Time; pass a fixed value for byte-identical re-runs
 */
public record SegSeriesInfo(String seriesDescription, int seriesNumber, String contentLabel,
    String contentDescription, String contentCreator, String algorithmName, String algorithmVersion,
    String configurationHash, String softwareVersion, LocalDateTime contentDateTime) {

  public SegSeriesInfo {
    if (!contentLabel.matches("[A-Z0-9_ ]{1,16}")) {
      throw new IllegalArgumentException("content label '" + contentLabel
          + "' must be 1-16 upper-case letters, digits, spaces or underscores");
    }
    if (algorithmName.isBlank() || algorithmVersion.isBlank()) {
      throw new IllegalArgumentException("an automatic segmentation needs an algorithm name and version");
    }
  }

  /** Defaults for a model: description "<model> segmentation", number 300, label SEGMENTATION. */
  public static SegSeriesInfo forModel(String modelId, String modelVersion, String configurationHash,
      String softwareVersion, LocalDateTime contentDateTime) {
    return new SegSeriesInfo(modelId + " segmentation", 300, "SEGMENTATION", "Automatic segmentation by "
        + modelId + " " + modelVersion, "ctpipe^automatic", modelId, modelVersion, configurationHash,
        softwareVersion, contentDateTime);
  }

  /** The same info with another Series Description. */
  public SegSeriesInfo withSeriesDescription(String description) {
    return new SegSeriesInfo(description, seriesNumber, contentLabel, contentDescription, contentCreator,
        algorithmName, algorithmVersion, configurationHash, softwareVersion, contentDateTime);
  }
}
