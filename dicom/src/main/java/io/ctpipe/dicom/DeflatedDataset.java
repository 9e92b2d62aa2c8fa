package io.ctpipe.dicom;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates the data set of a Deflated Explicit VR Little Endian file on demand, never past a bound fixed by its
 * compressed size before anything is inflated: at most {@link #MAX_RATIO} times the compressed bytes (or
 * {@link #ALWAYS_ALLOWED_BYTES}, whatever the ratio) and never more than {@link #MAX_INFLATED_BYTES}. A header scan
 * inflates only as far as the header goes, so its pixel data is never inflated at all.
 */
final class DeflatedDataset implements AutoCloseable {
  /**
   * Largest ratio of inflated to compressed bytes beyond {@link #ALWAYS_ALLOWED_BYTES}. Real CT deflates about 2:1
   * (the shared Deflated CT: 2.1), masks and empty frames more; Deflate itself reaches about 1032:1 on zeros.
   */
  static final long MAX_RATIO = 200;
  /** What any deflated data set may inflate to whatever its ratio: covers small, very compressible SEGs. */
  static final long ALWAYS_ALLOWED_BYTES = 64L << 20;
  /** Absolute cap on one inflated data set; Deflated syntaxes carry small objects, not large volumes. */
  static final long MAX_INFLATED_BYTES = 1L << 30;
  private static final int FIRST_CHUNK = 64 * 1024;

  private final Inflater inflater = new Inflater(true);
  private final long compressedBytes;
  private final long limit;
  private byte[] out = new byte[0];
  private int size;

  /** @param objectLimit the reader's bound on one object, which the inflated data set may not exceed either */
  DeflatedDataset(ByteBuffer deflated, long objectLimit) {
    this.compressedBytes = deflated.remaining();
    this.limit = limit(compressedBytes, objectLimit);
    inflater.setInput(deflated.duplicate());
  }

  /** The most a data set of {@code compressedBytes} may inflate to. */
  static long limit(long compressedBytes, long objectLimit) {
    long byRatio = Math.max(ALWAYS_ALLOWED_BYTES, compressedBytes * MAX_RATIO);
    return Math.min(byRatio, Math.min(MAX_INFLATED_BYTES, objectLimit));
  }

  /**
   * Inflates until at least {@code wanted} bytes are out or the deflate stream ends.
   *
   * @return every byte inflated so far, little endian, positioned at 0
   */
  ByteBuffer inflate(long wanted) throws DicomFormatException {
    try {
      while (size < wanted && !inflater.finished()) {
        if (size == out.length) {
          grow();
        }
        int n = inflater.inflate(out, size, out.length - size);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new DicomFormatException("deflated data set ends before its deflate stream does");
        }
        size += n;
      }
    } catch (DataFormatException e) {
      throw new DicomFormatException("corrupt deflated data set: " + e.getMessage(), e);
    }
    return ByteBuffer.wrap(out, 0, size).slice();
  }

  /** True when the whole data set has been inflated. */
  boolean finished() {
    return inflater.finished();
  }

  private void grow() throws DicomFormatException {
    if (size >= limit) {
      throw new DicomFormatException(String.format("deflated data set of %d bytes inflates to more than %d bytes, "
          + "the limit for it (%d times its compressed size, at least %d and at most %d bytes): refused as a "
          + "possible deflate bomb", compressedBytes, limit, MAX_RATIO, ALWAYS_ALLOWED_BYTES, MAX_INFLATED_BYTES));
    }
    out = Arrays.copyOf(out, (int) Math.min(limit, Math.max(FIRST_CHUNK, 2L * out.length)));
  }

  @Override
  public void close() {
    inflater.end();
  }
}
