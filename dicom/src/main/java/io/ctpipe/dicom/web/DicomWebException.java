package io.ctpipe.dicom.web;

import java.io.IOException;

/** A DICOMweb request that failed, with the HTTP status (0 when no response came) and whether to retry. */
public class DicomWebException extends IOException {
  private final int status;
  private final boolean retryable;

  public DicomWebException(String message, int status) {
    this(message, status, status == 0 || status == 408 || status == 429 || status >= 500);
  }

  /** A failure whose retry worth is known otherwise than from the status (a STOW-RS failure reason). */
  public DicomWebException(String message, int status, boolean retryable) {
    super(message);
    this.status = status;
    this.retryable = retryable;
  }

  public int status() {
    return status;
  }

  /**
   * True for statuses worth retrying (408, 429 and 5xx, and requests that got no response) unless the constructor
   * said otherwise.
   */
  public boolean retryable() {
    return retryable;
  }
}
