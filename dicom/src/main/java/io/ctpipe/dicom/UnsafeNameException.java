package io.ctpipe.dicom;

/** A value from outside (a file, a manifest, a model card, an option) that may not name a file or folder. */
public final class UnsafeNameException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public UnsafeNameException(String message) {
    super(message);
  }
}
