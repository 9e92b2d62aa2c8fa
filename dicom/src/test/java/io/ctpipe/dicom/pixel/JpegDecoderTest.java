package io.ctpipe.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.dicom.DicomFormatException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;

/** ctpipe's JPEG decoder against the JDK's encoder and decoder (libjpeg), without shared data. */
class JpegDecoderTest {
  private static final int WIDTH = 61;
  private static final int HEIGHT = 37;
  private static final PixelFormat FORMAT = new PixelFormat(HEIGHT, WIDTH, 1, 8, 8, 7, false, "MONOCHROME2", 1);

  private static BufferedImage gradient() {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < HEIGHT; y++) {
      for (int x = 0; x < WIDTH; x++) {
        image.getRaster().setSample(x, y, 0, (x * 4 + y * 3 + (x * y % 17) * 5) & 0xFF);
      }
    }
    return image;
  }

  private static byte[] encode(BufferedImage image, float quality) throws IOException {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
    ImageWriter writer = writers.next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  @Test
  void baselineAgreesWithTheJdkDecoderWithinOneLevel() throws IOException {
    for (float quality : new float[] {0.5f, 0.9f, 1.0f}) {
      byte[] jpeg = encode(gradient(), quality);
      BufferedImage reference = ImageIO.read(new java.io.ByteArrayInputStream(jpeg));
      short[] ours = new short[WIDTH * HEIGHT];
      new JpegFrameDecoder().decode(ByteBuffer.wrap(jpeg), FORMAT, ours);
      int max = 0;
      for (int y = 0; y < HEIGHT; y++) {
        for (int x = 0; x < WIDTH; x++) {
          max = Math.max(max, Math.abs(ours[y * WIDTH + x] - reference.getRaster().getSample(x, y, 0)));
        }
      }
      assertTrue(max <= 1, "quality " + quality + ": max difference " + max);
    }
  }

  @Test
  void truncatedStreamIsReported() throws IOException {
    byte[] jpeg = encode(gradient(), 0.9f);
    ByteBuffer cut = ByteBuffer.wrap(jpeg, 0, jpeg.length / 2).slice();
    DicomFormatException e = assertThrows(DicomFormatException.class,
        () -> new JpegFrameDecoder().decode(cut, FORMAT, new short[WIDTH * HEIGHT]));
    assertTrue(e.getMessage().contains("JPEG entropy-coded data truncated"), e.getMessage());
  }

  @Test
  void sizeMismatchIsReported() throws IOException {
    byte[] jpeg = encode(gradient(), 0.9f);
    PixelFormat other = new PixelFormat(40, 40, 1, 8, 8, 7, false, "MONOCHROME2", 1);
    DicomFormatException e = assertThrows(DicomFormatException.class,
        () -> new JpegFrameDecoder().decode(ByteBuffer.wrap(jpeg), other, new short[1600]));
    assertTrue(e.getMessage().contains("JPEG frame is 61x37 but the data set says 40x40"), e.getMessage());
  }

  @Test
  void notAJpegIsReported() {
    DicomFormatException e = assertThrows(DicomFormatException.class,
        () -> new JpegFrameDecoder().decode(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}), FORMAT, new short[1]));
    assertTrue(e.getMessage().contains("expected a JPEG marker"), e.getMessage());
  }
}
