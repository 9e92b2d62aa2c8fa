package io.ctpipe.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ctpipe.dicom.DicomFormatException;
import io.ctpipe.dicom.testing.SegTranscoder;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The fuzz suite's JPEG 2000 finding: FF FF in tile data made JJ2000 loop forever; now it is refused. */
class Jpeg2000CodestreamTest {
  private static final PixelFormat FORMAT = new PixelFormat(32, 32, 1, 8, 8, 7, false, "MONOCHROME2", 1);

  @Test
  void aValidCodestreamDecodesAndOneWithFfFfInItsTileDataIsRefused() throws Exception {
    short[] pixels = new short[32 * 32];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (short) ((i * 37) % 251);
    }
    byte[] valid = SegTranscoder.jpeg2000(pixels, 32, 32);
    short[] out = new short[pixels.length];
    ImageIoFrameDecoder.jpeg2000().decode(ByteBuffer.wrap(valid), FORMAT, out);
    assertArrayEquals(pixels, out);

    int sod = 0;
    while (!((valid[sod] & 0xFF) == 0xFF && (valid[sod + 1] & 0xFF) == 0x93)) {
      sod++;
    }
    byte[] corrupt = valid.clone();
    corrupt[sod + 4] = (byte) 0xFF;
    corrupt[sod + 5] = (byte) 0xFF;
    DicomFormatException e = assertThrows(DicomFormatException.class,
        () -> ImageIoFrameDecoder.jpeg2000().decode(ByteBuffer.wrap(corrupt), FORMAT, new short[pixels.length]));
    assertEquals("JPEG 2000 codestream is corrupt: bytes FF FF at offset " + (sod + 4) + " inside tile data",
        e.getMessage());
  }
}
