package io.ctpipe.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.dicom.DicomFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** RLE Lossless frames built by a straightforward PackBits encoder decode back to the original pixels. */
class RleFrameDecoderTest {
  private static final PixelFormat SIGNED_16 = new PixelFormat(7, 9, 1, 16, 16, 15, true, "MONOCHROME2", 1);
  private static final PixelFormat UNSIGNED_12 = new PixelFormat(7, 9, 1, 16, 12, 11, false, "MONOCHROME2", 1);

  @Test
  void decodesRunsAndLiteralsOfBothBytePlanes() throws DicomFormatException {
    short[] pixels = new short[63];
    Random random = new Random(5);
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (short) (i < 20 ? -1000 : i < 40 ? random.nextInt(4000) - 2000 : 1234);
    }
    short[] out = new short[63];
    new RleFrameDecoder().decode(encode(pixels), SIGNED_16, out);
    assertArrayEquals(pixels, out);
  }

  @Test
  void masksToBitsStored() throws DicomFormatException {
    short[] pixels = new short[63];
    java.util.Arrays.fill(pixels, (short) 0xF123);
    short[] out = new short[63];
    new RleFrameDecoder().decode(encode(pixels), UNSIGNED_12, out);
    assertTrue(UNSIGNED_12.value(out[0]) == 0x0123, "bits above BitsStored are ignored");
  }

  @Test
  void truncatedSegmentIsReported() {
    short[] pixels = new short[63];
    ByteBuffer full = encode(pixels);
    ByteBuffer cut = full.slice(0, full.remaining() - 3).order(ByteOrder.LITTLE_ENDIAN);
    DicomFormatException e = assertThrows(DicomFormatException.class,
        () -> new RleFrameDecoder().decode(cut, SIGNED_16, new short[63]));
    assertTrue(e.getMessage().contains("RLE segment"), e.getMessage());
  }

  @Test
  void wrongSegmentCountIsReported() {
    ByteBuffer header = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 3);
    DicomFormatException e = assertThrows(DicomFormatException.class,
        () -> new RleFrameDecoder().decode(header, SIGNED_16, new short[63]));
    assertTrue(e.getMessage().contains("RLE frame has 3 segments; 16-bit grayscale needs 2"), e.getMessage());
  }

  /** Encodes high bytes then low bytes, each as PackBits with runs of 3+ equal bytes replicated. */
  private static ByteBuffer encode(short[] pixels) {
    byte[][] planes = new byte[2][pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      planes[0][i] = (byte) (pixels[i] >> 8);
      planes[1][i] = (byte) pixels[i];
    }
    byte[] first = packBits(planes[0]);
    byte[] second = packBits(planes[1]);
    ByteBuffer out = ByteBuffer.allocate(64 + first.length + second.length).order(ByteOrder.LITTLE_ENDIAN);
    out.putInt(2).putInt(64).putInt(64 + first.length);
    out.position(64);
    out.put(first).put(second);
    return out.flip();
  }

  private static byte[] packBits(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i < data.length) {
      int run = 1;
      while (i + run < data.length && data[i + run] == data[i] && run < 128) {
        run++;
      }
      if (run >= 3) {
        out.write(1 - run);
        out.write(data[i]);
        i += run;
      } else {
        int start = i;
        while (i < data.length && i - start < 128 && !(i + 2 < data.length && data[i] == data[i + 1]
            && data[i] == data[i + 2])) {
          i++;
        }
        out.write(i - start - 1);
        out.write(data, start, i - start);
      }
    }
    return out.toByteArray();
  }
}
