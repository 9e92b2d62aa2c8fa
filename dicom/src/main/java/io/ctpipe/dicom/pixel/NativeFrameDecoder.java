package io.ctpipe.dicom.pixel;

import io.ctpipe.dicom.DicomFormatException;
import java.nio.ByteBuffer;

/**
 * Native (uncompressed) pixel data in the data set's byte order. 16-bit samples are copied in bulk; bits above
 * BitsStored are left for {@link PixelFormat#value(short)} to drop.
 */
final class NativeFrameDecoder implements FrameDecoder {
  @Override
  public void decode(ByteBuffer encoded, PixelFormat format, short[] out) throws DicomFormatException {
    int n = format.pixelsPerFrame();
    int bytesPerPixel = format.bitsAllocated() / 8;
    if (encoded.remaining() < (long) n * bytesPerPixel) {
      throw new DicomFormatException("native pixel data holds " + encoded.remaining() + " bytes for a frame of "
          + n + " pixels at " + format.bitsAllocated() + " bits");
    }
    if (bytesPerPixel == 2) {
      encoded.duplicate().order(encoded.order()).asShortBuffer().get(out, 0, n);
    } else {
      int base = encoded.position();
      for (int i = 0; i < n; i++) {
        out[i] = (short) (encoded.get(base + i) & 0xFF);
      }
    }
  }
}
