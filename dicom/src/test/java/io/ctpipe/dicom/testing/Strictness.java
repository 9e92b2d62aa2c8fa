package io.ctpipe.dicom.testing;

/** Whether a missing test prerequisite fails the test (CI) or skips it (a developer machine without it). */
final class Strictness {
  private Strictness() {}

  static boolean required(String property) {
    return Boolean.getBoolean(property) || "true".equalsIgnoreCase(System.getenv("CI"));
  }
}
