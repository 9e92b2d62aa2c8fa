package io.ctpipe.dicom.pixel;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Encodes a frame of 8- or 16-bit samples as DICOM RLE Lossless (PS3.5 Annex G): one PackBits segment per byte
 * plane, most significant plane first, each row encoded separately as the standard recommends.
 */
public final class RleEncoder {
  private static final int HEADER_BYTES = 64;

  private RleEncoder() {}

  /** @param samples row-major samples; only the low {@code bitsAllocated} bits are used */
  public static ByteBuffer encode(short[] samples, int rows, int columns, int bitsAllocated) {
    int planes = bitsAllocated / 8;
    byte[] row = new byte[columns];
    ByteArrayOutputStream[] segments = new ByteArrayOutputStream[planes];
    for (int p = 0; p < planes; p++) {
      int shift = 8 * (planes - 1 - p);
      segments[p] = new ByteArrayOutputStream(rows * 8);
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < columns; c++) {
          row[c] = (byte) (samples[r * columns + c] >> shift);
        }
        packBits(row, segments[p]);
      }
      if ((segments[p].size() & 1) == 1) {
        segments[p].write(0); // each segment has even length
      }
    }
    int total = HEADER_BYTES;
    for (ByteArrayOutputStream s : segments) {
      total += s.size();
    }
    ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
    out.putInt(planes);
    int offset = HEADER_BYTES;
    for (int p = 0; p < 15; p++) {
      out.putInt(p < planes ? offset : 0);
      if (p < planes) {
        offset += segments[p].size();
      }
    }
    for (ByteArrayOutputStream s : segments) {
      out.put(s.toByteArray());
    }
    return out.flip();
  }

  /** PackBits: runs of 3 to 128 equal bytes as replicate runs, everything else as literals of up to 128. */
  private static void packBits(byte[] data, ByteArrayOutputStream out) {
    int i = 0;
    int n = data.length;
    while (i < n) {
      int run = 1;
      while (i + run < n && run < 128 && data[i + run] == data[i]) {
        run++;
      }
      if (run >= 3) {
        out.write(1 - run);
        out.write(data[i]);
        i += run;
        continue;
      }
      int start = i;
      while (i < n && i - start < 128) {
        if (i + 2 < n && data[i] == data[i + 1] && data[i] == data[i + 2]) {
          break;
        }
        i++;
      }
      out.write(i - start - 1);
      out.write(data, start, i - start);
    }
  }
}
