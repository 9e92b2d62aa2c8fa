package io.ctpipe.dicom.pixel;

import io.ctpipe.dicom.DicomFormatException;
import java.nio.ByteBuffer;

/**
 * Reads the entropy-coded bits of a JPEG-LS scan, most significant bit first. After a 0xFF byte the encoder
 * stuffs a 0 bit, so the next byte carries 7 bits; a byte ≥ 0x80 after 0xFF is a marker and ends the data.
 */
final class JpegLsBitReader {
  private final ByteBuffer data;
  private long cache;
  private int cached;
  private boolean afterFf;
  private boolean atMarker;

  JpegLsBitReader(ByteBuffer data) {
    this.data = data;
  }

  private void fill() throws DicomFormatException {
    while (cached <= 56) {
      if (atMarker || !data.hasRemaining()) {
        if (cached > 0) {
          return;
        }
        throw new DicomFormatException("JPEG-LS scan data ends before every sample is decoded"
            + (atMarker ? " (a marker interrupts it)" : " (truncated frame)"));
      }
      int b = data.get(data.position()) & 0xFF;
      if (afterFf) {
        if (b >= 0x80) {
          atMarker = true;
          continue;
        }
        cache = (cache << 7) | b;
        cached += 7;
      } else {
        cache = (cache << 8) | b;
        cached += 8;
      }
      data.position(data.position() + 1);
      afterFf = b == 0xFF;
    }
  }

  /** Reads {@code n} bits (0–31) as an unsigned value. */
  int bits(int n) throws DicomFormatException {
    if (n == 0) {
      return 0;
    }
    if (cached < n) {
      fill();
      if (cached < n) {
        throw new DicomFormatException("JPEG-LS scan data ends inside a code word");
      }
    }
    cached -= n;
    return (int) ((cache >>> cached) & ((1L << n) - 1));
  }

  int bit() throws DicomFormatException {
    return bits(1);
  }

  /** Counts 0 bits up to and including the next 1 bit, giving up past {@code max} zeros. */
  int zerosBeforeOne(int max) throws DicomFormatException {
    int zeros = 0;
    while (true) {
      if (cached == 0) {
        fill();
      }
      long window = cached == 64 ? cache : cache & ((1L << cached) - 1);
      int leading = Long.numberOfLeadingZeros(window) - (64 - cached);
      if (leading < cached) {
        zeros += leading;
        cached -= leading + 1;
        if (zeros > max) {
          break;
        }
        return zeros;
      }
      zeros += cached;
      cached = 0;
      if (zeros > max) {
        break;
      }
    }
    throw new DicomFormatException("JPEG-LS code word has more than " + max + " leading zeros (corrupt data)");
  }
}
