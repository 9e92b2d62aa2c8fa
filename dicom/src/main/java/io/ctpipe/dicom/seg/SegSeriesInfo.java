package io.ctpipe.dicom.seg;

import java.time.LocalDateTime;

/**
 * The new series' metadata and the provenance that makes its UIDs deterministic.
 *
 * @param seriesDescription Series Description
 * @param seriesNumber Series Number
 * @param contentLabel Content Label (a CS value: upper case, digits, underscore)
 * @param contentDescription Content Description
 * @param contentCreator Content Creator's Name in Family^Given form (may be empty: the attribute is type 2)
 * @param algorithmType Segment Algorithm Type of every segment
 * @param algorithmName model id, e.g. "tissue-ct", or the tool used; empty only for MANUAL
 * @param algorithmVersion its version; empty only when the algorithm is not AUTOMATIC
 * @param configurationHash hash of everything else that changes the result (sliding-window settings, ...)
 * @param softwareVersion ctpipe's version
 * @param contentDateTime Content Date and Time; pass a fixed value for byte-identical re-runs
 */
public record SegSeriesInfo(String seriesDescription, int seriesNumber, String contentLabel,
    String contentDescription, String contentCreator, SegmentAlgorithmType algorithmType, String algorithmName,
    String algorithmVersion, String configurationHash, String softwareVersion, LocalDateTime contentDateTime) {

  public SegSeriesInfo {
    if (!contentLabel.matches("[A-Z0-9_ ]{1,16}")) {
      throw new IllegalArgumentException("content label '" + contentLabel
          + "' must be 1-16 upper-case letters, digits, spaces or underscores");
    }
    if (algorithmType == SegmentAlgorithmType.AUTOMATIC && (algorithmName.isBlank() || algorithmVersion.isBlank())) {
      throw new IllegalArgumentException("an automatic segmentation needs an algorithm name and version");
    }
    if (algorithmType == SegmentAlgorithmType.SEMIAUTOMATIC && algorithmName.isBlank()) {
      throw new IllegalArgumentException("a semi-automatic segmentation needs the name of the algorithm that "
          + "assisted");
    }
    if (algorithmName.isBlank() && !algorithmVersion.isBlank()) {
      throw new IllegalArgumentException("an algorithm version (" + algorithmVersion + ") needs an algorithm name");
    }
  }

  /** True when an algorithm is named (always for AUTOMATIC and SEMIAUTOMATIC). */
  public boolean hasAlgorithm() {
    return !algorithmName.isBlank();
  }

  /** Defaults for a model: description "<model> segmentation", number 300, label SEGMENTATION. */
  public static SegSeriesInfo forModel(String modelId, String modelVersion, String configurationHash,
      String softwareVersion, LocalDateTime contentDateTime) {
    return new SegSeriesInfo(modelId + " segmentation", 300, "SEGMENTATION", "Automatic segmentation by "
        + modelId + " " + modelVersion, "ctpipe^automatic", SegmentAlgorithmType.AUTOMATIC, modelId, modelVersion,
        configurationHash, softwareVersion, contentDateTime);
  }

  /**
   * A label map made elsewhere: by a person (MANUAL), a person helped by a tool (SEMIAUTOMATIC) or a model
   * (AUTOMATIC), with the creator's name when known.
   */
  public static SegSeriesInfo forLabelMap(SegmentAlgorithmType type, String algorithmName, String algorithmVersion,
      String creator, String configurationHash, String softwareVersion, LocalDateTime contentDateTime) {
    String by = algorithmName.isBlank() ? "" : " by " + (algorithmName + " " + algorithmVersion).trim();
    String description = switch (type) {
      case MANUAL -> "Manual segmentation" + by;
      case SEMIAUTOMATIC -> "Semi-automatic segmentation" + by;
      case AUTOMATIC -> "Automatic segmentation" + by;
    };
    String series = algorithmName.isBlank() ? "segmentation" : algorithmName + " segmentation";
    return new SegSeriesInfo(series, 300, "SEGMENTATION", description, creator, type, algorithmName,
        algorithmVersion, configurationHash, softwareVersion, contentDateTime);
  }

  /** The same info with another Series Description. */
  public SegSeriesInfo withSeriesDescription(String description) {
    return new SegSeriesInfo(description, seriesNumber, contentLabel, contentDescription, contentCreator,
        algorithmType, algorithmName, algorithmVersion, configurationHash, softwareVersion, contentDateTime);
  }
}
