package io.ctpipe.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the elements of a data set held in a buffer. Values are slices of that buffer (no copies). Every
 * declared length is checked against the bytes that remain before anything is sliced or allocated, and what is
 * kept within {@link HeaderLimits}.
 */
final class DicomParser {
  static final long UNDEFINED_LENGTH = 0xFFFFFFFFL;

  /** Thrown when the buffer ends early but more of the file could be read (header-only scans). */
  static final class NeedMoreData extends DicomFormatException {
    NeedMoreData(String message) {
      super(message);
    }
  }

  private final ByteBuffer buf;
  private final boolean explicitVr;
  private final boolean stopAtPixelData;
  private final boolean moreAvailable;
  private final ElementDictionary dictionary = ElementDictionary.standard();
  private final HeaderLimits limits = new HeaderLimits();

  /**
   * @param buf the bytes, in the data set's byte order
   * @param explicitVr whether elements carry their VR
   * @param stopAtPixelData stop before (7FE0,0010) and anything after it at the top level
   * @param moreAvailable the buffer is a prefix of a longer file: running out of bytes asks for more
   */
  DicomParser(ByteBuffer buf, boolean explicitVr, boolean stopAtPixelData, boolean moreAvailable) {
    this.buf = buf;
    this.explicitVr = explicitVr;
    this.stopAtPixelData = stopAtPixelData;
    this.moreAvailable = moreAvailable;
  }

  /** Parses from {@code start} to the end of the buffer. */
  DicomDataset parseDataset(int start) throws DicomFormatException {
    DicomDataset ds = new DicomDataset();
    parseInto(ds, start, buf.limit(), 0, true, explicitVr);
    return ds;
  }

  /**
   * Parses group 0002 elements (always explicit VR little endian) and returns the offset after them.
   */
  static int parseFileMeta(ByteBuffer le, int start, DicomDataset into) throws DicomFormatException {
    DicomParser p = new DicomParser(le, true, false, false);
    int pos = start;
    while (pos + 8 <= le.limit() && (le.getShort(pos) & 0xFFFF) == 0x0002) {
      pos = p.parseElement(into, pos, le.limit(), 0, true);
    }
    return pos;
  }

  private int parseInto(DicomDataset ds, int pos, int end, int depth, boolean topLevel, boolean explicit)
      throws DicomFormatException {
    while (pos < end) {
      if (end - pos < 8) {
        truncated("an element header needs 8 bytes", pos, end - pos);
      }
      int tag = readTag(pos);
      if (tag == Tag.ITEM_DELIMITATION) {
        if (topLevel) {
          throw new DicomFormatException("item delimitation tag (FFFE,E00D) outside any item at offset " + pos);
        }
        return pos + 8;
      }
      if (topLevel && stopAtPixelData && Integer.compareUnsigned(tag, Tag.PIXEL_DATA) >= 0) {
        if (tag == Tag.PIXEL_DATA) {
          // record that Pixel Data is present without reading it
          limits.addElement(ds, pos);
          ds.put(DicomElement.ofValue(tag, Vr.OW, ByteBuffer.allocate(0)));
        }
        return pos;
      }
      pos = parseElement(ds, pos, end, depth, explicit);
    }
    return pos;
  }

  private int parseElement(DicomDataset ds, int pos, int end, int depth, boolean explicit)
      throws DicomFormatException {
    int tag = readTag(pos);
    Vr vr;
    long length;
    int valueStart;
    if (explicit && (tag >>> 16) != 0xFFFE) {
      if (end - pos < 8) {
        truncated("an explicit VR element header needs 8 bytes", pos, end - pos);
      }
      vr = Vr.fromCode(buf.get(pos + 4) & 0xFF, buf.get(pos + 5) & 0xFF);
      if (vr == null) {
        throw new DicomFormatException(String.format(
            "element %s at offset %d has invalid VR bytes 0x%02X%02X: not an explicit VR data set, or corrupt",
            Tag.format(tag), pos, buf.get(pos + 4), buf.get(pos + 5)));
      }
      if (vr.hasLongHeader()) {
        if (end - pos < 12) {
          truncated("element " + Tag.format(tag) + " needs a 12-byte header", pos, end - pos);
        }
        length = buf.getInt(pos + 8) & 0xFFFFFFFFL;
        valueStart = pos + 12;
      } else {
        length = buf.getShort(pos + 6) & 0xFFFF;
        valueStart = pos + 8;
      }
    } else {
      vr = dictionary.vrOf(tag);
      length = buf.getInt(pos + 4) & 0xFFFFFFFFL;
      valueStart = pos + 8;
    }

    if (length == UNDEFINED_LENGTH) {
      return parseUndefinedLength(ds, tag, vr, valueStart, end, depth, explicit);
    }
    long remaining = end - valueStart;
    if (length > remaining) {
      truncated(String.format("element %s declares a length of %d bytes", Tag.format(tag), length),
          valueStart, remaining);
    }
    int len = (int) length;
    limits.addElement(ds, pos);
    if (vr == Vr.SQ) {
      ds.put(DicomElement.ofItems(tag, parseItems(valueStart, valueStart + len, depth, explicit, ds)));
    } else {
      ds.put(DicomElement.ofValue(tag, vr, slice(valueStart, len)));
    }
    return valueStart + len;
  }

  private int parseUndefinedLength(DicomDataset ds, int tag, Vr vr, int valueStart, int end, int depth,
      boolean explicit) throws DicomFormatException {
    limits.addElement(ds, valueStart);
    if (tag == Tag.PIXEL_DATA) {
      List<ByteBuffer> fragments = new ArrayList<>();
      int pos = parseFragments(valueStart, end, fragments);
      ds.put(DicomElement.ofFragments(tag, vr, fragments));
      return pos;
    }
    if (vr == Vr.SQ || vr == Vr.UN) {
      // An undefined-length UN element is a sequence encoded in implicit VR little endian (PS3.5 6.2.2).
      boolean itemsExplicit = vr == Vr.UN ? false : explicit;
      List<DicomDataset> items = new ArrayList<>();
      int pos = parseItemsUntilDelimiter(valueStart, end, depth, itemsExplicit, ds, items);
      ds.put(DicomElement.ofItems(tag, items));
      return pos;
    }
    throw new DicomFormatException(String.format(
        "element %s with VR %s has undefined length, which only sequences and pixel data may have",
        Tag.format(tag), vr));
  }

  private List<DicomDataset> parseItems(int pos, int end, int depth, boolean explicit, DicomDataset parent)
      throws DicomFormatException {
    List<DicomDataset> items = new ArrayList<>();
    while (pos < end) {
      pos = parseItem(pos, end, depth, explicit, parent, items);
    }
    return items;
  }

  private int parseItemsUntilDelimiter(int pos, int end, int depth, boolean explicit, DicomDataset parent,
      List<DicomDataset> items) throws DicomFormatException {
    while (true) {
      if (end - pos < 8) {
        truncated("a sequence without its delimitation item", pos, end - pos);
      }
      if (readTag(pos) == Tag.SEQUENCE_DELIMITATION) {
        return pos + 8;
      }
      pos = parseItem(pos, end, depth, explicit, parent, items);
    }
  }

  private int parseItem(int pos, int end, int depth, boolean explicit, DicomDataset parent,
      List<DicomDataset> items) throws DicomFormatException {
    HeaderLimits.checkDepth(depth, pos);
    limits.addItem(pos);
    if (end - pos < 8) {
      truncated("an item header needs 8 bytes", pos, end - pos);
    }
    int tag = readTag(pos);
    if (tag != Tag.ITEM) {
      throw new DicomFormatException(String.format(
          "expected an item tag (FFFE,E000) at offset %d inside a sequence, found %s", pos, Tag.format(tag)));
    }
    long length = buf.getInt(pos + 4) & 0xFFFFFFFFL;
    DicomDataset item = new DicomDataset();
    item.inheritCharset(parent.charset());
    int start = pos + 8;
    int next;
    if (length == UNDEFINED_LENGTH) {
      next = parseInto(item, start, end, depth + 1, false, explicit);
      if (next > end || (next == end && !endsWithDelimiter(next))) {
        truncated("an item without its delimitation item", start, end - start);
      }
    } else {
      if (length > end - start) {
        truncated("an item declares a length of " + length + " bytes", start, end - start);
      }
      next = start + (int) length;
      parseInto(item, start, next, depth + 1, false, explicit);
    }
    items.add(item);
    return next;
  }

  private boolean endsWithDelimiter(int next) {
    return next >= 8 && readTag(next - 8) == Tag.ITEM_DELIMITATION;
  }

  private int parseFragments(int pos, int end, List<ByteBuffer> fragments) throws DicomFormatException {
    while (true) {
      if (end - pos < 8) {
        truncated("encapsulated pixel data without its sequence delimiter", pos, end - pos);
      }
      int tag = readTagLittleEndian(pos);
      long length = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(pos + 4) & 0xFFFFFFFFL;
      if (tag == Tag.SEQUENCE_DELIMITATION) {
        return pos + 8;
      }
      if (tag != Tag.ITEM) {
        throw new DicomFormatException(String.format(
            "expected a pixel data fragment item (FFFE,E000) at offset %d, found %s", pos, Tag.format(tag)));
      }
      if (length > end - pos - 8) {
        truncated("a pixel data fragment declares a length of " + length + " bytes", pos + 8, end - pos - 8);
      }
      limits.addItem(pos);
      fragments.add(slice(pos + 8, (int) length).order(ByteOrder.LITTLE_ENDIAN));
      pos += 8 + (int) length;
    }
  }

  private int readTag(int pos) {
    return ((buf.getShort(pos) & 0xFFFF) << 16) | (buf.getShort(pos + 2) & 0xFFFF);
  }

  private int readTagLittleEndian(int pos) {
    ByteBuffer le = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    return ((le.getShort(pos) & 0xFFFF) << 16) | (le.getShort(pos + 2) & 0xFFFF);
  }

  private ByteBuffer slice(int start, int length) {
    return buf.slice(start, length).order(buf.order());
  }

  private void truncated(String what, long offset, long remaining) throws DicomFormatException {
    String message = String.format("truncated data: %s at offset %d but only %d bytes remain", what, offset,
        Math.max(0, remaining));
    if (moreAvailable) {
      throw new NeedMoreData(message);
    }
    throw new DicomFormatException(message);
  }
}
