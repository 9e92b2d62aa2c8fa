package io.ctpipe.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;

/**
 * Puts the text of a data set written by ctpipe into one declared character set. Values copied from a source keep
 * the source's bytes and items built in code use Latin-1, so each value is decoded with the charset of the data set
 * that holds it; then, when every value is ASCII, Specific Character Set is left out (the default repertoire, also
 * what an empty source value means), otherwise all text is re-encoded as UTF-8 and declared ISO_IR 192. A source
 * character set ctpipe cannot decode (ISO 2022 multi-byte sets, GB18030) is left exactly as the source declared it.
 */
public final class TextEncoding {
  /** The value representations whose text depends on Specific Character Set. */
  private static final Set<Vr> CHARSET_DEPENDENT = EnumSet.of(Vr.SH, Vr.LO, Vr.ST, Vr.LT, Vr.UT, Vr.PN, Vr.UC);

  private TextEncoding() {}

  /** Normalises {@code ds} in place; returns the Specific Character Set it now declares ("" when none). */
  public static String normalise(DicomDataset ds) {
    String declared = ds.string(Tag.SPECIFIC_CHARACTER_SET, "");
    if (!CharacterSets.isKnown(declared)) {
      return declared;
    }
    if (allAscii(ds)) {
      ds.remove(Tag.SPECIFIC_CHARACTER_SET);
      return "";
    }
    reencode(ds, StandardCharsets.UTF_8);
    ds.putString(Tag.SPECIFIC_CHARACTER_SET, Vr.CS, "ISO_IR 192");
    return "ISO_IR 192";
  }

  private static boolean allAscii(DicomDataset ds) {
    for (DicomElement e : ds.elements()) {
      if (e.isSequence()) {
        for (DicomDataset item : e.items()) {
          if (!allAscii(item)) {
            return false;
          }
        }
      } else if (CHARSET_DEPENDENT.contains(e.vr())) {
        ByteBuffer value = e.value();
        for (int i = value.position(); i < value.limit(); i++) {
          if (value.get(i) < 0) {
            return false;
          }
        }
      }
    }
    return true;
  }

  private static void reencode(DicomDataset ds, Charset target) {
    Charset source = ds.charset();
    for (DicomElement e : java.util.List.copyOf(ds.elements())) {
      if (e.isSequence()) {
        e.items().forEach(item -> reencode(item, target));
      } else if (CHARSET_DEPENDENT.contains(e.vr())) {
        ByteBuffer value = e.value();
        byte[] bytes = new byte[value.remaining()];
        value.duplicate().get(bytes);
        byte[] encoded = new String(bytes, source).getBytes(target);
        ds.put(DicomElement.ofValue(e.tag(), e.vr(), ByteBuffer.wrap(encoded).order(ByteOrder.LITTLE_ENDIAN)));
      }
    }
    ds.inheritCharset(target);
  }
}
