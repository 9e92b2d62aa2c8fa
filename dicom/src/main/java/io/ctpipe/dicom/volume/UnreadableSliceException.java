package io.ctpipe.dicom.volume;

/**
 * A series rejected ({@link Reason#UNDECODABLE}) because one of its files, whose header read, cannot be read whole
 * or its pixels cannot be decoded: names that file, so a report can list it with the skipped ones.
 */
public final class UnreadableSliceException extends SeriesRejectedException {
  private final String file;

  /** @param message the reason, already naming the file */
  public UnreadableSliceException(String file, String message, Throwable cause) {
    super(Reason.UNDECODABLE, message, cause);
    this.file = file;
  }

  /** The file that could not be read or decoded. */
  public String file() {
    return file;
  }
}
