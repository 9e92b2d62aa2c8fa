package io.ctpipe.dicom.pixel;

import io.ctpipe.dicom.DicomFormatException;

/**
 * The coding parameters of one JPEG-LS scan (ITU-T T.87): sample range, NEAR, the context thresholds and the
 * reset interval, with the values derived from them (RANGE, qbpp, LIMIT). Thresholds left at 0 in an LSE segment
 * take the defaults of T.87 C.2.4.1.1.
 */
record JpegLsParameters(int maxVal, int near, int t1, int t2, int t3, int reset, int range, int qbpp, int limit) {
  private static final int BASIC_T1 = 3;
  private static final int BASIC_T2 = 7;
  private static final int BASIC_T3 = 21;
  private static final int DEFAULT_RESET = 64;

  /**
   * @param precision sample precision P of the frame header (2–16 bits)
   * @param custom {MAXVAL, T1, T2, T3, RESET} from an LSE segment (0 = default), or null
   */
  static JpegLsParameters of(int precision, int near, int[] custom) throws DicomFormatException {
    if (precision < 2 || precision > 16) {
      throw new DicomFormatException("JPEG-LS sample precision " + precision + " is outside 2..16 bits");
    }
    int[] given = custom == null ? new int[5] : custom;
    int maxVal = given[0] != 0 ? given[0] : (1 << precision) - 1;
    if (maxVal >= 1 << precision && given[0] != 0) {
      throw new DicomFormatException("JPEG-LS MAXVAL " + maxVal + " does not fit " + precision + " bits");
    }
    if (near < 0 || near > Math.min(255, maxVal / 2)) {
      throw new DicomFormatException("JPEG-LS NEAR " + near + " is outside 0.." + Math.min(255, maxVal / 2));
    }
    int[] defaults = defaultThresholds(maxVal, near);
    int t1 = given[1] != 0 ? given[1] : defaults[0];
    int t2 = given[2] != 0 ? given[2] : defaults[1];
    int t3 = given[3] != 0 ? given[3] : defaults[2];
    int reset = given[4] != 0 ? given[4] : DEFAULT_RESET;
    if (t1 < near + 1 || t1 > t2 || t2 > t3 || t3 > maxVal || reset < 3) {
      throw new DicomFormatException("JPEG-LS thresholds T1=" + t1 + " T2=" + t2 + " T3=" + t3 + " RESET=" + reset
          + " are inconsistent for MAXVAL " + maxVal + " and NEAR " + near);
    }
    int range = (maxVal + 2 * near) / (2 * near + 1) + 1;
    int qbpp = bitsFor(range);
    int bpp = Math.max(2, bitsFor(maxVal + 1));
    int limit = 2 * (bpp + Math.max(8, bpp));
    return new JpegLsParameters(maxVal, near, t1, t2, t3, reset, range, qbpp, limit);
  }

  /** ceil(log2(n)) for n ≥ 1. */
  private static int bitsFor(int n) {
    return 32 - Integer.numberOfLeadingZeros(n - 1);
  }

  private static int[] defaultThresholds(int maxVal, int near) {
    if (maxVal >= 128) {
      int factor = (Math.min(maxVal, 4095) + 128) / 256;
      int t1 = clamp(factor * (BASIC_T1 - 2) + 2 + 3 * near, near + 1, maxVal);
      int t2 = clamp(factor * (BASIC_T2 - 3) + 3 + 5 * near, t1, maxVal);
      int t3 = clamp(factor * (BASIC_T3 - 4) + 4 + 7 * near, t2, maxVal);
      return new int[] {t1, t2, t3};
    }
    int factor = 256 / (maxVal + 1);
    int t1 = clamp(Math.max(2, BASIC_T1 / factor + 3 * near), near + 1, maxVal);
    int t2 = clamp(Math.max(3, BASIC_T2 / factor + 5 * near), t1, maxVal);
    int t3 = clamp(Math.max(4, BASIC_T3 / factor + 7 * near), t2, maxVal);
    return new int[] {t1, t2, t3};
  }

  private static int clamp(int value, int low, int maxVal) {
    return value > maxVal || value < low ? low : value;
  }

  /** The quantized gradient class −4..4 of a local difference (T.87 A.3.3). */
  int quantize(int d) {
    if (d <= -t3) {
      return -4;
    }
    if (d <= -t2) {
      return -3;
    }
    if (d <= -t1) {
      return -2;
    }
    if (d < -near) {
      return -1;
    }
    if (d <= near) {
      return 0;
    }
    if (d < t1) {
      return 1;
    }
    if (d < t2) {
      return 2;
    }
    return d < t3 ? 3 : 4;
  }

  /** A corrected prediction clamped into 0..MAXVAL. */
  int clampToRange(int predicted) {
    return Math.max(0, Math.min(maxVal, predicted));
  }

  /** Prediction plus a dequantized error, brought back into 0..MAXVAL (T.87 A.4.4 and A.7.2). */
  int reconstruct(int predicted, int error) {
    int step = 2 * near + 1;
    int value = predicted + error * step;
    if (value < -near) {
      value += range * step;
    } else if (value > maxVal + near) {
      value -= range * step;
    }
    return Math.max(0, Math.min(maxVal, value));
  }
}
