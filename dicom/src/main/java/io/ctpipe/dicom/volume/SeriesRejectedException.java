package io.ctpipe.dicom.volume;

import io.ctpipe.dicom.DicomFormatException;

/** A series that cannot become a CT volume, with a machine-readable reason. */
public class SeriesRejectedException extends DicomFormatException {
  /** Why a series was rejected. */
  public enum Reason { NON_CT_MODALITY, NO_IMAGES, MISSING_GEOMETRY, INCONSISTENT_DIMENSIONS, TOO_LARGE, UNDECODABLE }

  private final Reason reason;

  public SeriesRejectedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public SeriesRejectedException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
