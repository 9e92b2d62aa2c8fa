package io.ctpipe.dicom;

/**
 * The DICOM UI value grammar (PS3.5 9.1): components of digits separated by single dots, no leading zero in a
 * component of more than one digit, at most 64 characters. Values read from files or manifests are checked with it
 * before they name a file, a folder or a URL path.
 */
public final class UidGrammar {
  /** The longest UID PS3.5 allows. */
  public static final int MAX_LENGTH = 64;

  private UidGrammar() {}

  /**
   * Returns {@code value} when it is a valid UID.
   *
   * @param field the attribute the value comes from, named in the error ("StudyInstanceUID")
   * @throws UnsafeNameException naming the field and the broken rule (never echoing the value, which may hold any
   *     text a file or manifest put there)
   */
  public static String require(String field, String value) {
    String problem = problem(value);
    if (problem != null) {
      throw new UnsafeNameException(field + " is not a DICOM UID (PS3.5 9.1): " + problem);
    }
    return value;
  }

  /** Whether {@code value} is a valid UID. */
  public static boolean isValid(String value) {
    return problem(value) == null;
  }

  private static String problem(String value) {
    if (value == null || value.isEmpty()) {
      return "it is empty";
    }
    if (value.length() > MAX_LENGTH) {
      return "it has " + value.length() + " characters, more than " + MAX_LENGTH;
    }
    if (!value.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
      return "it holds a character other than digits and dots";
    }
    int componentStart = 0;
    for (int i = 0; i <= value.length(); i++) {
      if (i == value.length() || value.charAt(i) == '.') {
        int length = i - componentStart;
        if (length == 0) {
          return "it has an empty component";
        }
        if (length > 1 && value.charAt(componentStart) == '0') {
          return "a component of several digits starts with 0";
        }
        componentStart = i + 1;
      }
    }
    return null;
  }
}
