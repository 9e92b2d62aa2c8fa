package io.ctpipe.dicom.web;

import java.io.IOException;

/** A DICOMweb request that failed, with the HTTP status (0 when no response came) and whether to retry. */
public class DicomWebException extends IOException {
  private final int status;

  public DicomWebException(String message, int status) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** True for statuses worth retrying: 408, 429 and 5xx, and for requests that got no response. */
  public boolean retryable() {
    return status == 0 || status == 408 || status == 429 || status >= 500;
  }
}
