package io.ctpipe.dicom.pixel;

import io.ctpipe.dicom.DicomFormatException;
import java.nio.ByteBuffer;

/** Reads JPEG marker segments and entropy-coded bits (with 0xFF00 byte stuffing) from a buffer. */
final class JpegBitReader {
  private final ByteBuffer buf;
  private int pos;
  private int bitBuffer;
  private int bitCount;
  private boolean markerReached;

  JpegBitReader(ByteBuffer buf) {
    this.buf = buf;
    this.pos = buf.position();
  }

  int position() {
    return pos;
  }

  int readU8() throws DicomFormatException {
    if (pos >= buf.limit()) {
      throw new DicomFormatException("JPEG stream truncated at byte " + (pos - buf.position()));
    }
    return buf.get(pos++) & 0xFF;
  }

  int readU16() throws DicomFormatException {
    return (readU8() << 8) | readU8();
  }

  void skip(int n) throws DicomFormatException {
    if (n < 0 || pos + n > buf.limit()) {
      throw new DicomFormatException("JPEG segment runs past the end of the stream");
    }
    pos += n;
  }

  /** Reads a segment's length field and returns how many bytes of the segment follow it. */
  int segmentLength() throws DicomFormatException {
    int length = readU16();
    if (length < 2 || pos + length - 2 > buf.limit()) {
      throw new DicomFormatException("JPEG segment length " + length + " runs past the end of the stream");
    }
    return length - 2;
  }

  /** Skips fill bytes and returns the next marker code. */
  int nextMarker() throws DicomFormatException {
    int b = readU8();
    if (b != 0xFF) {
      throw new DicomFormatException(String.format("expected a JPEG marker at byte %d, found 0x%02X",
          pos - 1 - buf.position(), b));
    }
    do {
      b = readU8();
    } while (b == 0xFF);
    return b;
  }

  void startEntropyData() {
    bitBuffer = 0;
    bitCount = 0;
    markerReached = false;
  }

  int bit() throws DicomFormatException {
    if (bitCount == 0) {
      fill();
    }
    bitCount--;
    return (bitBuffer >>> bitCount) & 1;
  }

  int bits(int n) throws DicomFormatException {
    int v = 0;
    for (int i = 0; i < n; i++) {
      v = (v << 1) | bit();
    }
    return v;
  }

  /** Expects a restart marker: discards buffered bits and moves past it. */
  void restart() throws DicomFormatException {
    bitCount = 0;
    markerReached = false;
    while (pos + 1 < buf.limit()) {
      if ((buf.get(pos) & 0xFF) == 0xFF && JpegMarkers.isRestart(buf.get(pos + 1) & 0xFF)) {
        pos += 2;
        return;
      }
      pos++;
    }
    throw new DicomFormatException("JPEG stream ends where a restart marker was expected");
  }

  private void fill() throws DicomFormatException {
    if (markerReached || pos >= buf.limit()) {
      // T.81 F.2.2.5: past a marker the decoder reads zero bits; a stream this short is corrupt.
      if (pos >= buf.limit() && !markerReached) {
        throw new DicomFormatException("JPEG entropy-coded data truncated");
      }
      bitBuffer = 0;
      bitCount = 8;
      return;
    }
    int b = buf.get(pos) & 0xFF;
    if (b == 0xFF) {
      int next = pos + 1 < buf.limit() ? buf.get(pos + 1) & 0xFF : 0xD9;
      if (next == 0) {
        pos += 2;
      } else {
        markerReached = true;
        bitBuffer = 0;
        bitCount = 8;
        return;
      }
    } else {
      pos++;
    }
    bitBuffer = b;
    bitCount = 8;
  }
}
