package io.ctpipe.dicom;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** Maps Specific Character Set (0008,0005) terms to Java charsets for the single-byte and UTF-8 cases. */
final class CharacterSets {
  private static final java.util.Set<String> KNOWN = java.util.Set.of("", "ISO_IR 6", "ISO 2022 IR 6",
      "ISO_IR 100", "ISO 2022 IR 100", "ISO_IR 192", "ISO_IR 101", "ISO 2022 IR 101", "ISO_IR 144",
      "ISO 2022 IR 144", "ISO_IR 126", "ISO 2022 IR 126", "ISO_IR 148", "ISO 2022 IR 148");

  private CharacterSets() {}

  /** True when every term is one {@link #forTerms} decodes exactly (an empty value means the default, ASCII). */
  static boolean isKnown(String terms) {
    for (String term : terms.split("\\\\", -1)) {
      if (!KNOWN.contains(term.trim())) {
        return false;
      }
    }
    return true;
  }

  static Charset forTerms(String terms) {
    String last = terms.contains("\\") ? terms.substring(terms.lastIndexOf('\\') + 1) : terms;
    switch (last.trim()) {
      case "ISO_IR 192":
        return StandardCharsets.UTF_8;
      case "ISO_IR 101":
      case "ISO 2022 IR 101":
        return Charset.forName("ISO-8859-2");
      case "ISO_IR 144":
      case "ISO 2022 IR 144":
        return Charset.forName("ISO-8859-5");
      case "ISO_IR 126":
      case "ISO 2022 IR 126":
        return Charset.forName("ISO-8859-7");
      case "ISO_IR 148":
      case "ISO 2022 IR 148":
        return Charset.forName("ISO-8859-9");
      default:
        return StandardCharsets.ISO_8859_1;
    }
  }
}
