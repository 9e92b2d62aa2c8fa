package io.ctpipe.dicom;

import java.io.IOException;

/** A DICOM file or data set that cannot be read: truncated, malformed, or in a form ctpipe does not decode. */
public class DicomFormatException extends IOException {
  public DicomFormatException(String message) {
    super(message);
  }

  public DicomFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
