package io.ctpipe.dicom;

/** Test-side names for parser constants. */
final class DicomParserConstants {
  static final long UNDEFINED = DicomParser.UNDEFINED_LENGTH;

  private DicomParserConstants() {}
}
