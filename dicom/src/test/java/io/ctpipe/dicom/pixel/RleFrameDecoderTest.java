package io.ctpipe.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.dicom.DicomFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** RLE Lossless frames written by {@link RleEncoder} decode back to the original pixels. */
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

  private static ByteBuffer encode(short[] pixels) {
    return RleEncoder.encode(pixels, 7, 9, 16);
  }
}
