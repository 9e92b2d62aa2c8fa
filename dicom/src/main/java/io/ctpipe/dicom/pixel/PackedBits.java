package io.ctpipe.dicom.pixel;

import java.nio.ByteBuffer;

/** Pixels of 1 bit, packed back to back with the first pixel in the least significant bit (PS3.5 8.1.1). */
final class PackedBits {
  private PackedBits() {}

  /** Bytes holding {@code pixels} packed pixels that start at a byte boundary. */
  static int bytesFor(int pixels) {
    return (pixels + 7) >>> 3;
  }

  /**
   * Unpacks {@code out.length} pixels starting at bit {@code firstBit} after the buffer's position into 0/1 values.
   */
  static void unpack(ByteBuffer bytes, long firstBit, short[] out) {
    int base = bytes.position();
    long bit = firstBit;
    for (int i = 0; i < out.length; i++, bit++) {
      out[i] = (short) ((bytes.get(base + (int) (bit >>> 3)) >>> (bit & 7)) & 1);
    }
  }
}
