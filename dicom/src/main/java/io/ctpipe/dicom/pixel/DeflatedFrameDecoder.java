package io.ctpipe.dicom.pixel;

import io.ctpipe.dicom.DicomFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Deflated Image Frame Compression (1.2.840.10008.1.2.8.1, Supplement 244): each frame is its native little-endian
 * pixel data, bit-packed from a byte boundary when Bits Allocated is 1, compressed with raw Deflate (RFC 1951).
 */
final class DeflatedFrameDecoder implements FrameDecoder {
  @Override
  public void decode(ByteBuffer encoded, PixelFormat format, short[] out) throws DicomFormatException {
    int pixels = format.pixelsPerFrame();
    int expected = format.bitsAllocated() == 1 ? PackedBits.bytesFor(pixels) : pixels * (format.bitsAllocated() / 8);
    ByteBuffer frame = ByteBuffer.wrap(inflate(encoded, expected)).order(ByteOrder.LITTLE_ENDIAN);
    if (format.bitsAllocated() == 1) {
      PackedBits.unpack(frame, 0, out);
    } else {
      new NativeFrameDecoder().decode(frame, format, out);
    }
  }

  /** Inflates exactly {@code expected} bytes; more or less is an error, so a hostile stream cannot grow memory. */
  private static byte[] inflate(ByteBuffer encoded, int expected) throws DicomFormatException {
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(encoded.duplicate());
      byte[] out = new byte[expected];
      int produced = 0;
      while (produced < expected && !inflater.finished()) {
        int n = inflater.inflate(out, produced, expected - produced);
        if (n == 0) {
          break;
        }
        produced += n;
      }
      if (produced < expected) {
        throw new DicomFormatException("deflated frame inflates to " + produced + " bytes; the image needs "
            + expected);
      }
      if (!inflater.finished() && inflater.inflate(new byte[1]) > 0) {
        throw new DicomFormatException("deflated frame inflates to more than the " + expected + " bytes the image "
            + "needs");
      }
      return out;
    } catch (DataFormatException e) {
      throw new DicomFormatException("deflated frame is not valid Deflate data: " + e.getMessage(), e);
    } finally {
      inflater.end();
    }
  }
}
