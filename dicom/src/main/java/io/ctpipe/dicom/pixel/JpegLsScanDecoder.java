package io.ctpipe.dicom.pixel;

import io.ctpipe.dicom.DicomFormatException;
import java.util.Arrays;

/**
 * Decodes the samples of one single-component JPEG-LS scan (ITU-T T.87 Annex A): median edge prediction with
 * bias correction in 365 regular contexts, limited-length Golomb codes, and run mode with its two run
 * interruption contexts. Lossless when NEAR is 0; otherwise every sample is within NEAR of the original.
 */
final class JpegLsScanDecoder {
  private static final int[] J = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10,
      11, 12, 13, 14, 15};
  private static final int CONTEXTS = 9 * 9 * 9;
  private static final int MIN_C = -128;
  private static final int MAX_C = 127;

  private final JpegLsParameters p;
  private final JpegLsBitReader in;
  private final int[] a = new int[CONTEXTS];
  private final int[] b = new int[CONTEXTS];
  private final int[] c = new int[CONTEXTS];
  private final int[] n = new int[CONTEXTS];
  /** Run interruption contexts: index 0 for Ra ≠ Rb, 1 for Ra ≈ Rb. */
  private final int[] runA = new int[2];
  private final int[] runN = new int[2];
  private final int[] runNn = new int[2];
  private int runIndex;

  JpegLsScanDecoder(JpegLsParameters parameters, JpegLsBitReader in) {
    this.p = parameters;
    this.in = in;
    int initialA = Math.max(2, (parameters.range() + 32) / 64);
    Arrays.fill(a, initialA);
    Arrays.fill(n, 1);
    Arrays.fill(runA, initialA);
    Arrays.fill(runN, 1);
  }

  /** Decodes {@code width × height} samples row by row into {@code out}. */
  void decode(int width, int height, short[] out) throws DicomFormatException {
    // Lines with one guard sample on each side: [0] is Ra/Rc at x = 0, [width + 1] is Rd at the last column.
    int[] previous = new int[width + 2];
    int[] current = new int[width + 2];
    for (int y = 0; y < height; y++) {
      previous[width + 1] = previous[width];
      current[0] = previous[1];
      decodeLine(previous, current, width);
      for (int x = 0; x < width; x++) {
        out[y * width + x] = (short) current[x + 1];
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
  }

  private void decodeLine(int[] previous, int[] current, int width) throws DicomFormatException {
    int near = p.near();
    int x = 1;
    while (x <= width) {
      int ra = current[x - 1];
      int rb = previous[x];
      int rc = previous[x - 1];
      int rd = previous[x + 1];
      int q1 = p.quantize(rd - rb);
      int q2 = p.quantize(rb - rc);
      int q3 = p.quantize(rc - ra);
      if (q1 == 0 && q2 == 0 && q3 == 0) {
        x += decodeRun(previous, current, x, width);
      } else {
        current[x] = decodeRegular(q1, q2, q3, ra, rb, rc);
        x++;
      }
    }
  }

  private int decodeRegular(int q1, int q2, int q3, int ra, int rb, int rc) throws DicomFormatException {
    int sign = 1;
    if (q1 < 0 || (q1 == 0 && (q2 < 0 || (q2 == 0 && q3 < 0)))) {
      sign = -1;
      q1 = -q1;
      q2 = -q2;
      q3 = -q3;
    }
    int q = (q1 + 4) * 81 + (q2 + 4) * 9 + (q3 + 4);
    int predicted = p.clampToRange(medianEdge(ra, rb, rc) + sign * c[q]);
    int k = golombK(n[q], a[q]);
    int mapped = decodeValue(k, p.limit());
    int error = (mapped & 1) == 0 ? mapped >> 1 : -((mapped + 1) >> 1);
    if (k == 0 && p.near() == 0 && 2 * b[q] + n[q] - 1 < 0) {
      error = -error - 1;
    }
    updateRegular(q, error);
    return p.reconstruct(predicted, sign * error);
  }

  private static int medianEdge(int ra, int rb, int rc) {
    if (rc >= Math.max(ra, rb)) {
      return Math.min(ra, rb);
    }
    if (rc <= Math.min(ra, rb)) {
      return Math.max(ra, rb);
    }
    return ra + rb - rc;
  }

  private void updateRegular(int q, int error) {
    a[q] += Math.abs(error);
    b[q] += error * (2 * p.near() + 1);
    if (n[q] == p.reset()) {
      a[q] >>= 1;
      b[q] >>= 1;
      n[q] >>= 1;
    }
    n[q]++;
    if (b[q] <= -n[q]) {
      b[q] += n[q];
      if (c[q] > MIN_C) {
        c[q]--;
      }
      if (b[q] <= -n[q]) {
        b[q] = -n[q] + 1;
      }
    } else if (b[q] > 0) {
      b[q] -= n[q];
      if (c[q] < MAX_C) {
        c[q]++;
      }
      if (b[q] > 0) {
        b[q] = 0;
      }
    }
  }

  /** Decodes a run starting at column {@code x} and its interruption sample; returns the samples written. */
  private int decodeRun(int[] previous, int[] current, int x, int width) throws DicomFormatException {
    int ra = current[x - 1];
    int remaining = width - x + 1;
    int length = 0;
    while (length < remaining && in.bit() == 1) {
      int block = 1 << J[runIndex];
      int taken = Math.min(block, remaining - length);
      length += taken;
      if (taken == block && runIndex < 31) {
        runIndex++;
      }
    }
    boolean interrupted = length < remaining;
    if (interrupted) {
      length += in.bits(J[runIndex]);
      if (length >= remaining) {
        throw new DicomFormatException("JPEG-LS run of " + length + " samples overruns the line (corrupt data)");
      }
    }
    for (int i = 0; i < length; i++) {
      current[x + i] = ra;
    }
    if (!interrupted) {
      return length;
    }
    int end = x + length;
    current[end] = decodeInterruption(ra, previous[end]);
    if (runIndex > 0) {
      runIndex--;
    }
    return length + 1;
  }

  private int decodeInterruption(int ra, int rb) throws DicomFormatException {
    int type = Math.abs(ra - rb) <= p.near() ? 1 : 0;
    int temp = runA[type] + (type == 1 ? runN[type] >> 1 : 0);
    int k = golombK(runN[type], temp);
    int mapped = decodeValue(k, p.limit() - J[runIndex] - 1);
    int withType = mapped + type;
    boolean map = (withType & 1) != 0;
    int magnitude = (withType + (map ? 1 : 0)) / 2;
    int error = (k != 0 || 2 * runNn[type] >= runN[type]) == map ? -magnitude : magnitude;
    if (error < 0) {
      runNn[type]++;
    }
    runA[type] += (mapped + 1 - type) >> 1;
    if (runN[type] == p.reset()) {
      runA[type] >>= 1;
      runN[type] >>= 1;
      runNn[type] >>= 1;
    }
    runN[type]++;
    if (type == 1) {
      return p.reconstruct(ra, error);
    }
    return p.reconstruct(rb, rb > ra ? error : -error);
  }

  private static int golombK(int count, int sum) {
    int k = 0;
    while (((long) count << k) < sum) {
      k++;
    }
    return k;
  }

  /** A limited-length Golomb code word (T.87 A.5.3). */
  private int decodeValue(int k, int limit) throws DicomFormatException {
    int escape = limit - p.qbpp() - 1;
    int high = in.zerosBeforeOne(escape);
    if (high >= escape) {
      return in.bits(p.qbpp()) + 1;
    }
    return (high << k) | in.bits(k);
  }
}
