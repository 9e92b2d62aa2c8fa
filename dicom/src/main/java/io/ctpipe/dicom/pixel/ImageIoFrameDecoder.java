package io.ctpipe.dicom.pixel;

import io.ctpipe.dicom.DicomFormatException;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes a compressed frame through an ImageIO plugin: TwelveMonkeys for JPEG Lossless and 8-bit progressive
 * JPEG, jai-imageio for JPEG 2000. The plugin is chosen by format name, never by probing, so a corrupt frame
 * gives a clear error instead of a wrong reader. JPEG 2000 frames are checked by {@link Jpeg2000Codestream} first.
 */
final class ImageIoFrameDecoder implements FrameDecoder {
  private static final String JPEG_2000 = "jpeg2000";
  private final String formatName;
  private final String readerClassPrefix;

  private ImageIoFrameDecoder(String formatName, String readerClassPrefix) {
    this.formatName = formatName;
    this.readerClassPrefix = readerClassPrefix;
  }

  static ImageIoFrameDecoder twelveMonkeysJpeg() {
    return new ImageIoFrameDecoder("jpeg", "com.twelvemonkeys.");
  }

  static ImageIoFrameDecoder jpeg2000() {
    return new ImageIoFrameDecoder(JPEG_2000, "com.github.jaiimageio.");
  }

  static {
    IIORegistry.getDefaultInstance().registerApplicationClasspathSpis();
  }

  @Override
  public void decode(ByteBuffer encoded, PixelFormat format, short[] out) throws DicomFormatException {
    byte[] bytes = new byte[encoded.remaining()];
    encoded.duplicate().get(bytes);
    if (formatName.equals(JPEG_2000)) {
      Jpeg2000Codestream.check(bytes);
    }
    ImageReader reader = newReader();
    try (MemoryCacheImageInputStream in = new MemoryCacheImageInputStream(new java.io.ByteArrayInputStream(bytes))) {
      reader.setInput(in, true, true);
      Raster raster = reader.readRaster(0, null);
      if (raster.getWidth() != format.columns() || raster.getHeight() != format.rows()) {
        throw new DicomFormatException(formatName + " frame is " + raster.getWidth() + "x" + raster.getHeight()
            + " but the data set says " + format.columns() + "x" + format.rows());
      }
      int[] row = new int[format.columns()];
      for (int y = 0; y < format.rows(); y++) {
        raster.getSamples(raster.getMinX(), raster.getMinY() + y, format.columns(), 1, 0, row);
        int base = y * format.columns();
        for (int x = 0; x < row.length; x++) {
          out[base + x] = (short) row[x];
        }
      }
    } catch (DicomFormatException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new DicomFormatException("cannot decode " + formatName + " frame: " + e.getMessage(), e);
    } catch (ThreadDeath e) {
      // jj2000 "terminates" the decoding thread on a corrupt codestream; treat it as a decode failure.
      throw new DicomFormatException("cannot decode " + formatName + " frame: corrupt or truncated codestream", e);
    } finally {
      reader.dispose();
    }
  }

  private ImageReader newReader() throws DicomFormatException {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(formatName);
    while (readers.hasNext()) {
      ImageReader reader = readers.next();
      ImageReaderSpi spi = reader.getOriginatingProvider();
      if (spi != null && spi.getClass().getName().startsWith(readerClassPrefix)) {
        return reader;
      }
      reader.dispose();
    }
    throw new DicomFormatException("no ImageIO reader for " + formatName + " from " + readerClassPrefix
        + "* on the class path");
  }
}
