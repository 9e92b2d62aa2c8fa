package io.ctpipe.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads DICOM Part 10 files and bare data sets. {@link #readHeader} stops before Pixel Data and reads only as
 * much of the file as it needs, for cheap grouping of thousands of files.
 */
public final class DicomReader {
  /** Largest object ctpipe reads: 2 GiB minus array overhead (inflated data sets have a tighter bound). */
  public static final long MAX_OBJECT_BYTES = Integer.MAX_VALUE - 64;
  private static final int PREAMBLE = 128;
  private static final int FIRST_HEADER_CHUNK = 16 * 1024;

  private final long maxObjectBytes;

  public DicomReader() {
    this(MAX_OBJECT_BYTES);
  }

  /** A reader that refuses objects (or inflated data sets) larger than {@code maxObjectBytes}. */
  public DicomReader(long maxObjectBytes) {
    this.maxObjectBytes = Math.min(maxObjectBytes, MAX_OBJECT_BYTES);
  }

  /** Reads a whole file, pixel data included. */
  public DicomFile read(Path path) throws IOException {
    long size = Files.size(path);
    checkSize(size, path.toString());
    return read(Files.readAllBytes(path), path.toString());
  }

  /**
   * Reads a whole file into a reusable buffer: faster for many files in a row, and the result is valid only
   * until the next read into the same buffer.
   */
  public DicomFile read(Path path, ReadBuffer buffer) throws IOException {
    long size = Files.size(path);
    checkSize(size, path.toString());
    return parse(buffer.load(path, size), path.toString(), false, false);
  }

  /** Reads a whole object held in memory. */
  public DicomFile read(byte[] bytes, String source) throws DicomFormatException {
    return parse(ByteBuffer.wrap(bytes), source, false, false);
  }

  /** Reads the file meta and the data set up to (not including) Pixel Data. */
  public DicomFile readHeader(Path path) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = ch.size();
      checkSize(size, path.toString());
      int chunk = (int) Math.min(size, FIRST_HEADER_CHUNK);
      while (true) {
        byte[] bytes = new byte[chunk];
        ByteBuffer target = ByteBuffer.wrap(bytes);
        while (target.hasRemaining() && ch.read(target, target.position()) > 0) {
          // keep reading until the chunk is full or the file ends
        }
        boolean more = chunk < size;
        try {
          return parse(ByteBuffer.wrap(bytes, 0, target.position()), path.toString(), true, more);
        } catch (DicomParser.NeedMoreData e) {
          chunk = (int) Math.min(size, (long) chunk * 4);
        }
      }
    }
  }

  private void checkSize(long size, String source) throws DicomFormatException {
    if (size == 0) {
      throw new DicomFormatException(source + ": empty file (0 bytes), not a DICOM object");
    }
    if (size > maxObjectBytes) {
      throw new DicomFormatException(source + ": " + size + " bytes exceeds the limit of " + maxObjectBytes
          + " bytes for one DICOM object");
    }
  }

  private DicomFile parse(ByteBuffer data, String source, boolean headerOnly, boolean more)
      throws DicomFormatException {
    try {
      ByteBuffer le = data.slice().order(ByteOrder.LITTLE_ENDIAN);
      int length = le.limit();
      if (length == 0) {
        throw new DicomFormatException("empty file (0 bytes), not a DICOM object");
      }
      int metaStart;
      if (length >= PREAMBLE + 4 && hasDicmPrefix(le)) {
        metaStart = PREAMBLE + 4;
      } else if (length >= 8 && (le.getShort(0) & 0xFFFF) == 0x0002) {
        metaStart = 0; // file meta without the 128-byte preamble and prefix
      } else {
        return parseBareDataset(le, source, headerOnly, more);
      }
      DicomDataset meta = new DicomDataset();
      int datasetStart = DicomParser.parseFileMeta(le, metaStart, meta);
      String tsUid = meta.string(Tag.TRANSFER_SYNTAX_UID).orElseThrow(() -> new DicomFormatException(
          "file meta information has no Transfer Syntax UID (0002,0010)"));
      TransferSyntax ts = TransferSyntax.forUid(tsUid);
      ByteBuffer body = le.slice(datasetStart, length - datasetStart);
      if (ts.deflated()) {
        if (more) {
          throw new DicomParser.NeedMoreData("deflated data set needs the whole file");
        }
        return new DicomFile(source, meta, parseDeflated(body, headerOnly), ts, headerOnly);
      }
      body.order(ts.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
      DicomDataset ds = new DicomParser(body, ts.explicitVr(), headerOnly, more).parseDataset(0);
      return new DicomFile(source, meta, ds, ts, headerOnly);
    } catch (DicomParser.NeedMoreData e) {
      throw e;
    } catch (DicomFormatException e) {
      throw new DicomFormatException(source + ": " + e.getMessage(), e);
    } catch (IndexOutOfBoundsException e) {
      throw new DicomFormatException(source + ": malformed data: " + e.getMessage(), e);
    }
  }

  private DicomFile parseBareDataset(ByteBuffer le, String source, boolean headerOnly, boolean more)
      throws DicomFormatException {
    if (le.limit() < 8) {
      throw new DicomFormatException("only " + le.limit() + " bytes: too short for a DICOM data set");
    }
    int group = le.getShort(0) & 0xFFFF;
    if (group < 0x0008 || group > 0x00FF) {
      throw new DicomFormatException(String.format("not a DICOM file: no 'DICM' prefix at byte 128 and the first "
          + "bytes (group 0x%04X) do not start a data set", group));
    }
    boolean explicit = Vr.fromCode(le.get(4) & 0xFF, le.get(5) & 0xFF) != null;
    TransferSyntax ts = explicit ? TransferSyntax.EXPLICIT_VR_LE : TransferSyntax.IMPLICIT_VR_LE;
    DicomDataset ds = new DicomParser(le, explicit, headerOnly, more).parseDataset(0);
    return new DicomFile(source, new DicomDataset(), ds, ts, headerOnly);
  }

  private static boolean hasDicmPrefix(ByteBuffer le) {
    return le.get(PREAMBLE) == 'D' && le.get(PREAMBLE + 1) == 'I' && le.get(PREAMBLE + 2) == 'C'
        && le.get(PREAMBLE + 3) == 'M';
  }

  /**
   * Parses a deflated data set, inflating it within {@link DeflatedDataset}'s bound: all of it for a full read,
   * only as far as the header goes (16 KiB, then four times more) for a header scan.
   */
  private DicomDataset parseDeflated(ByteBuffer deflated, boolean headerOnly) throws DicomFormatException {
    try (DeflatedDataset inflated = new DeflatedDataset(deflated, maxObjectBytes)) {
      long wanted = headerOnly ? FIRST_HEADER_CHUNK : Long.MAX_VALUE;
      while (true) {
        ByteBuffer body = inflated.inflate(wanted).order(ByteOrder.LITTLE_ENDIAN);
        try {
          return new DicomParser(body, true, headerOnly, !inflated.finished()).parseDataset(0);
        } catch (DicomParser.NeedMoreData e) {
          wanted *= 4;
        }
      }
    }
  }
}
