package io.ctpipe.dicom.pixel;

import io.ctpipe.dicom.DicomFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * DICOM RLE Lossless (PS3.5 Annex G): a 64-byte header of segment offsets, then one PackBits segment per byte plane.
 * A 1-bit frame (BINARY segmentation) is one segment holding either the frame's bit-packed bytes or one byte per
 * pixel; the segment's decoded length tells which.
 */
final class RleFrameDecoder implements FrameDecoder {
  private static final int HEADER_BYTES = 64;
  private static final int MAX_SEGMENTS = 15;

  @Override
  public void decode(ByteBuffer encoded, PixelFormat format, short[] out) throws DicomFormatException {
    ByteBuffer in = encoded.slice().order(ByteOrder.LITTLE_ENDIAN);
    if (in.remaining() < HEADER_BYTES) {
      throw new DicomFormatException("RLE frame of " + in.remaining() + " bytes is shorter than its 64-byte header");
    }
    int segments = in.getInt(0);
    int planes = Math.max(1, format.bitsAllocated() / 8);
    if (segments != planes || segments > MAX_SEGMENTS) {
      throw new DicomFormatException("RLE frame has " + segments + " segments; " + format.bitsAllocated()
          + "-bit grayscale needs " + planes);
    }
    int n = format.pixelsPerFrame();
    byte[] plane = new byte[n];
    if (format.bitsAllocated() == 1) {
      decodeOneBit(in, plane, out);
      return;
    }
    for (int s = 0; s < segments; s++) {
      int[] range = segmentRange(in, s, segments);
      unpackBits(in, range[0], range[1], plane, s + 1, true);
      // segment 1 holds the most significant byte of each pixel
      int shift = 8 * (planes - 1 - s);
      for (int i = 0; i < n; i++) {
        int v = s == 0 ? 0 : out[i];
        out[i] = (short) (v | ((plane[i] & 0xFF) << shift));
      }
    }
  }

  private static void decodeOneBit(ByteBuffer in, byte[] plane, short[] out) throws DicomFormatException {
    int[] range = segmentRange(in, 0, 1);
    int produced = unpackBits(in, range[0], range[1], plane, 1, false);
    if (produced == plane.length) {
      for (int i = 0; i < out.length; i++) {
        out[i] = (short) (plane[i] != 0 ? 1 : 0);
      }
    } else if (produced >= PackedBits.bytesFor(out.length)) {
      PackedBits.unpack(ByteBuffer.wrap(plane), 0, out);
    } else {
      throw new DicomFormatException("1-bit RLE segment holds " + produced + " bytes; a frame of " + out.length
          + " pixels needs " + PackedBits.bytesFor(out.length) + " packed or " + out.length + " unpacked");
    }
  }

  private static int[] segmentRange(ByteBuffer in, int s, int segments) throws DicomFormatException {
    long start = in.getInt(4 + 4 * s) & 0xFFFFFFFFL;
    long end = s + 1 < segments ? in.getInt(8 + 4 * s) & 0xFFFFFFFFL : in.remaining();
    if (start < HEADER_BYTES || end > in.remaining() || start > end) {
      throw new DicomFormatException("RLE segment " + (s + 1) + " has offsets " + start + ".." + end
          + " outside the frame's " + in.remaining() + " bytes");
    }
    return new int[] {(int) start, (int) end};
  }

  /**
   * Decodes PackBits from {@code pos} to {@code end} into {@code plane}; returns the bytes produced. With
   * {@code exact}, a segment that ends before filling the plane is an error.
   */
  private static int unpackBits(ByteBuffer in, int pos, int end, byte[] plane, int segment, boolean exact)
      throws DicomFormatException {
    int o = 0;
    int n = plane.length;
    while (o < n) {
      if (pos >= end || (!exact && end - pos == 1)) {
        if (!exact) {
          return o; // a single byte left is the segment's even-length padding
        }
        throw new DicomFormatException("RLE segment " + segment + " ends after " + o + " of " + n + " bytes");
      }
      int header = in.get(pos++);
      if (header >= 0) {
        int count = header + 1;
        if (pos + count > end || o + count > n) {
          throw new DicomFormatException("RLE segment " + segment + " literal run overruns its segment");
        }
        in.get(pos, plane, o, count);
        pos += count;
        o += count;
      } else if (header != -128) {
        int count = 1 - header;
        if (pos >= end || o + count > n) {
          throw new DicomFormatException("RLE segment " + segment + " replicate run overruns its segment");
        }
        byte value = in.get(pos++);
        java.util.Arrays.fill(plane, o, o + count, value);
        o += count;
      }
    }
    return o;
  }
}
