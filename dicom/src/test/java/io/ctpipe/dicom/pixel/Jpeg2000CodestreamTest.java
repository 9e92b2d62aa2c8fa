package io.ctpipe.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.github.jaiimageio.jpeg2000.J2KImageWriteParam;
import io.ctpipe.dicom.DicomFormatException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;

/** The fuzz suite's JPEG 2000 finding: FF FF in tile data made JJ2000 loop forever; now it is refused. */
class Jpeg2000CodestreamTest {
  private static final PixelFormat FORMAT = new PixelFormat(32, 32, 1, 8, 8, 7, false, "MONOCHROME2", 1);

  private static byte[] codestream(short[] pixels) throws Exception {
    BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_GRAY);
    for (int i = 0; i < pixels.length; i++) {
      image.getRaster().setSample(i % 32, i / 32, 0, pixels[i]);
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg2000").next();
    J2KImageWriteParam param = new J2KImageWriteParam();
    param.setLossless(true);
    param.setWriteCodeStreamOnly(true);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  @Test
  void aValidCodestreamDecodesAndOneWithFfFfInItsTileDataIsRefused() throws Exception {
    short[] pixels = new short[32 * 32];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (short) ((i * 37) % 251);
    }
    byte[] valid = codestream(pixels);
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
    DicomFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(
        DicomFormatException.class, () -> ImageIoFrameDecoder.jpeg2000().decode(ByteBuffer.wrap(corrupt), FORMAT,
            new short[pixels.length])));
    assertEquals("JPEG 2000 codestream is corrupt: bytes FF FF at offset " + (sod + 4) + " inside tile data",
        e.getMessage());
  }
}
