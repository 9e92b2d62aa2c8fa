package io.ctpipe.dicom.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Crafted hostile DICOM files for the memory-bound tests: deflate bombs (written as a stream, so the test never
 * holds what they inflate to) and headers of many small elements, items or fragments.
 */
public final class HostileDicom {
  /** Deflated Explicit VR Little Endian. */
  public static final String DEFLATED = "1.2.840.10008.1.2.1.99";
  private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
  private static final int PIXEL_DATA_LE_PREFIX = 0x0010_7FE0;

  private HostileDicom() {}

  /**
   * A Deflated copy of an Explicit VR Little Endian Part 10 slice (as ctpipe's phantom writes them) carrying
   * {@code zeros} zero bytes in an OB element: a private element just before Pixel Data when {@code inHeader},
   * else Data Set Trailing Padding (FFFC,FFFC) after it, which a header scan never reaches.
   */
  public static void deflateBomb(Path slice, Path out, long zeros, boolean inHeader) throws IOException {
    byte[] file = Files.readAllBytes(slice);
    ByteBuffer le = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    int datasetStart = 144 + le.getInt(140);
    int pixelData = lastPixelDataElement(le);
    byte[] bomb = RawDicom.explicitLittleEndian().header(inHeader ? 0x00091010 : 0xFFFCFFFC, "OB", zeros).bytes();
    try (OutputStream os = Files.newOutputStream(out)) {
      os.write(RawDicom.part10(DEFLATED, RawDicom.explicitLittleEndian()).bytes());
      Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
      try (DeflaterOutputStream deflated = new DeflaterOutputStream(os, deflater, 1 << 16)) {
        int split = inHeader ? pixelData : file.length;
        deflated.write(file, datasetStart, split - datasetStart);
        deflated.write(bomb);
        byte[] chunk = new byte[1 << 20];
        for (long left = zeros; left > 0; left -= chunk.length) {
          deflated.write(chunk, 0, (int) Math.min(left, chunk.length));
        }
        deflated.write(file, split, file.length - split);
      } finally {
        deflater.end();
      }
    }
  }

  private static int lastPixelDataElement(ByteBuffer le) {
    for (int at = le.limit() - 12; at >= 0; at--) {
      if (le.getInt(at) == PIXEL_DATA_LE_PREFIX && le.get(at + 4) == 'O') {
        return at;
      }
    }
    throw new IllegalArgumentException("no Pixel Data element found");
  }

  /** A Part 10 file whose data set is {@code count} distinct empty LO elements in private groups (8 bytes each). */
  public static byte[] elementBomb(int count) {
    RawDicom body = RawDicom.explicitLittleEndian();
    for (int i = 0; i < count; i++) {
      body.header(((0x0009 + 2 * (i >>> 16)) << 16) | (i & 0xFFFF), "LO", 0);
    }
    return RawDicom.part10(EXPLICIT_LE, body).bytes();
  }

  /** A Part 10 file holding one sequence of {@code count} items, each with one empty element (16 bytes each). */
  public static byte[] itemBomb(int count) {
    RawDicom body = RawDicom.explicitLittleEndian().header(0x00081115, "SQ", 16L * count);
    for (int i = 0; i < count; i++) {
      body.item(8).header(0x00081150, "UI", 0);
    }
    return RawDicom.part10(EXPLICIT_LE, body).bytes();
  }

  /** A Part 10 file whose encapsulated Pixel Data holds {@code count} empty fragments (8 bytes each). */
  public static byte[] fragmentBomb(int count) {
    RawDicom body = RawDicom.explicitLittleEndian().header(0x7FE00010, "OB", 0xFFFFFFFFL);
    byte[] item = RawDicom.explicitLittleEndian().item(0).bytes();
    byte[] items = new byte[item.length * count];
    for (int i = 0; i < count; i++) {
      System.arraycopy(item, 0, items, item.length * i, item.length);
    }
    body.raw(items).sequenceDelimiter();
    return RawDicom.part10("1.2.840.10008.1.2.5", body).bytes();
  }

  /** The first {@code length} bytes of a file: a slice cut short inside its pixel data when shorter than it. */
  public static void truncate(Path file, int length) throws IOException {
    Files.write(file, Arrays.copyOf(Files.readAllBytes(file), length));
  }
}
