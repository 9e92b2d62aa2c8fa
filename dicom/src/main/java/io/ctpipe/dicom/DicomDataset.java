package io.ctpipe.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An ordered set of data elements with typed accessors. Values read from a file keep that file's byte order;
 * values put by ctpipe are little endian.
 */
public final class DicomDataset {
  private final TreeMap<Integer, DicomElement> elements = new TreeMap<>(Integer::compareUnsigned);
  private Charset charset = StandardCharsets.ISO_8859_1;

  public void put(DicomElement element) {
    elements.put(element.tag(), element);
    if (element.tag() == Tag.SPECIFIC_CHARACTER_SET) {
      charset = CharacterSets.forTerms(string(Tag.SPECIFIC_CHARACTER_SET).orElse(""));
    }
  }

  public Optional<DicomElement> element(int tag) {
    return Optional.ofNullable(elements.get(tag));
  }

  public boolean contains(int tag) {
    return elements.containsKey(tag);
  }

  public Collection<DicomElement> elements() {
    return elements.values();
  }

  public int size() {
    return elements.size();
  }

  public void remove(int tag) {
    elements.remove(tag);
  }

  /** The character set used to decode text values (from Specific Character Set). */
  public Charset charset() {
    return charset;
  }

  void inheritCharset(Charset parent) {
    this.charset = parent;
  }

  /** The whole text value with trailing padding removed, or empty when absent or zero length. */
  public Optional<String> string(int tag) {
    DicomElement e = elements.get(tag);
    if (e == null || e.length() == 0) {
      return Optional.empty();
    }
    return Optional.of(trimPadding(decodeText(e)));
  }

  /** The text value, or the given default when absent or empty. */
  public String string(int tag, String defaultValue) {
    return string(tag).filter(s -> !s.isEmpty()).orElse(defaultValue);
  }

  /** The backslash-separated values of a text element, each trimmed; empty list when absent. */
  public List<String> strings(int tag) {
    return string(tag).map(s -> {
      List<String> out = new ArrayList<>();
      for (String part : s.split("\\\\", -1)) {
        out.add(part.trim());
      }
      return out;
    }).orElse(List.of());
  }

  /** Numeric values of DS, IS, US, SS, UL, SL, FL or FD elements as doubles; empty array when absent. */
  public double[] doubles(int tag) throws DicomFormatException {
    DicomElement e = elements.get(tag);
    if (e == null || e.length() == 0) {
      return new double[0];
    }
    ByteBuffer b = e.value();
    switch (e.vr()) {
      case DS:
      case IS: {
        List<String> parts = strings(tag);
        double[] out = new double[parts.size()];
        for (int i = 0; i < out.length; i++) {
          try {
            out[i] = Double.parseDouble(parts.get(i));
          } catch (NumberFormatException ex) {
            throw new DicomFormatException(Tag.format(tag) + " holds '" + parts.get(i) + "', not a number");
          }
        }
        return out;
      }
      case US: return fill(b.remaining() / 2, i -> b.getShort(i * 2) & 0xFFFF);
      case SS: return fill(b.remaining() / 2, i -> b.getShort(i * 2));
      case UL: return fill(b.remaining() / 4, i -> b.getInt(i * 4) & 0xFFFFFFFFL);
      case SL: return fill(b.remaining() / 4, i -> b.getInt(i * 4));
      case FL: return fill(b.remaining() / 4, i -> b.getFloat(i * 4));
      case FD: return fill(b.remaining() / 8, i -> b.getDouble(i * 8));
      default:
        throw new DicomFormatException(Tag.format(tag) + " has VR " + e.vr() + ", which holds no numbers");
    }
  }

  /** The first numeric value, if present. */
  public Optional<Double> number(int tag) throws DicomFormatException {
    double[] values = doubles(tag);
    return values.length == 0 ? Optional.empty() : Optional.of(values[0]);
  }

  /** The first numeric value as an int, or the default when absent. */
  public int intValue(int tag, int defaultValue) throws DicomFormatException {
    return number(tag).map(Double::intValue).orElse(defaultValue);
  }

  /** Items of a sequence; empty when absent. */
  public List<DicomDataset> sequence(int tag) {
    DicomElement e = elements.get(tag);
    return e == null ? List.of() : e.items();
  }

  public void putString(int tag, Vr vr, String value) {
    byte[] bytes = value.getBytes(vr == Vr.UI || vr == Vr.CS || vr == Vr.DA || vr == Vr.TM
        ? StandardCharsets.US_ASCII : charset);
    put(DicomElement.ofValue(tag, vr, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN)));
  }

  public void putStrings(int tag, Vr vr, List<String> values) {
    putString(tag, vr, String.join("\\", values));
  }

  /** Puts decimal strings (DS) using the shortest exact text that fits 16 characters. */
  public void putDecimals(int tag, double... values) {
    List<String> parts = new ArrayList<>();
    for (double v : values) {
      parts.add(DecimalStrings.format(v));
    }
    putStrings(tag, Vr.DS, parts);
  }

  public void putInt(int tag, Vr vr, int value) {
    putInts(tag, vr, value);
  }

  /** Puts binary integers (US, SS, UL, SL) or an integer string (IS). */
  public void putInts(int tag, Vr vr, int... values) {
    if (vr == Vr.IS) {
      List<String> parts = new ArrayList<>();
      for (int v : values) {
        parts.add(Integer.toString(v));
      }
      putStrings(tag, vr, parts);
      return;
    }
    int width = vr == Vr.US || vr == Vr.SS ? 2 : 4;
    ByteBuffer b = ByteBuffer.allocate(values.length * width).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : values) {
      if (width == 2) {
        b.putShort((short) v);
      } else {
        b.putInt(v);
      }
    }
    put(DicomElement.ofValue(tag, vr, b.flip()));
  }

  /** Puts binary data (OB, OW, ...) given in little endian order. */
  public void putBytes(int tag, Vr vr, ByteBuffer littleEndianValue) {
    put(DicomElement.ofValue(tag, vr, littleEndianValue.slice().order(ByteOrder.LITTLE_ENDIAN)));
  }

  /** Puts encapsulated pixel data: the Basic Offset Table item first, then the fragments. */
  public void putFragments(int tag, Vr vr, List<ByteBuffer> fragments) {
    put(DicomElement.ofFragments(tag, vr, fragments));
  }

  public void putSequence(int tag, List<DicomDataset> items) {
    put(DicomElement.ofItems(tag, items));
  }

  private String decodeText(DicomElement e) {
    ByteBuffer b = e.value();
    byte[] bytes = new byte[b.remaining()];
    b.get(bytes);
    Charset cs = e.vr() == Vr.UI || e.vr() == Vr.CS ? StandardCharsets.US_ASCII : charset;
    return new String(bytes, cs);
  }

  private static String trimPadding(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
      end--;
    }
    int start = 0;
    while (start < end && s.charAt(start) == ' ') {
      start++;
    }
    return s.substring(start, end);
  }

  private interface IndexToDouble {
    double apply(int i);
  }

  private static double[] fill(int n, IndexToDouble f) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = f.apply(i);
    }
    return out;
  }
}
