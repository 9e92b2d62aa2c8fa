package io.ctpipe.dicom.labelmap;

import io.ctpipe.dicom.DicomFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reads a file, gunzipping it when it starts with the gzip magic, refusing more than a byte limit. */
final class BoundedInput {
  /** Largest uncompressed label file read: 2 GiB. */
  static final long MAX_BYTES = Integer.MAX_VALUE - 64;

  private BoundedInput() {}

  static byte[] readMaybeGzipped(Path path) throws IOException {
    byte[] raw = Files.readAllBytes(path);
    return isGzip(raw, 0) ? gunzip(raw, 0, raw.length, path.toString()) : raw;
  }

  static boolean isGzip(byte[] bytes, int offset) {
    return bytes.length - offset >= 2 && (bytes[offset] & 0xFF) == 0x1F && (bytes[offset + 1] & 0xFF) == 0x8B;
  }

  static byte[] gunzip(byte[] bytes, int offset, int length, String source) throws IOException {
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes, offset, length))) {
      byte[] out = in.readNBytes((int) MAX_BYTES);
      if (in.read() != -1) {
        throw new DicomFormatException(source + ": inflates to more than " + MAX_BYTES + " bytes");
      }
      return out;
    } catch (java.util.zip.ZipException e) {
      throw new DicomFormatException(source + ": corrupt gzip data: " + e.getMessage(), e);
    }
  }
}
