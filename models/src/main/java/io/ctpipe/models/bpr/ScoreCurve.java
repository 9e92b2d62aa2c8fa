package io.ctpipe.models.bpr;

/**
 * bpreg's slice-score post-processing: transform raw scores, drop background slices, smooth (σ in mm), crop
 * implausible tails beyond the model's range ends, fit a line against z and check the slope against the expected
 * one (valid z-spacing, reversed order). Pure arithmetic on arrays; see docs/body-part-regression.md.
 *
 * @param unprocessed T(raw) for every slice (bpreg's "unprocessed slice scores")
 * @param filtered T(raw) with background slices set to NaN
 * @param cleaned smoothed, tail-cropped scores (NaN where dropped): bpreg's "cleaned slice scores"
 * @param z slice positions i·dz, mm
 * @param fit the line of cleaned scores against z (slope = observed score per mm)
 * @param validZSpacing 1, 0, or NaN when fewer than two slices remain
 * @param expectedZSpacing slope·dz / expected slope: the spacing the scores suggest (signed)
 * @param slopeRatio |slope| / expected slope
 */
public record ScoreCurve(double[] unprocessed, double[] filtered, double[] cleaned, double[] z, double dz,
    LineFit fit, double validZSpacing, boolean reversed, double expectedZSpacing, double slopeRatio) {
  private static final double SMOOTHING_TRUNCATE = 4;
  private static final double BOUNDARY_TOLERANCE = 10;

  public static ScoreCurve of(float[] raw, double dz, BprSettings settings) {
    if (!(dz > 0)) {
      throw new IllegalArgumentException("slice spacing must be positive, got " + dz);
    }
    int n = raw.length;
    double[] z = new double[n];
    double[] unprocessed = new double[n];
    double[] filtered = new double[n];
    for (int i = 0; i < n; i++) {
      z[i] = i * dz;
      unprocessed[i] = settings.transform(raw[i]);
      filtered[i] = isBackground(raw[i], settings.backgroundScores()) ? Double.NaN : unprocessed[i];
    }
    double[] index = new double[n];
    for (int i = 0; i < n; i++) {
      index[i] = i;
    }
    double originalSlope = LineFit.of(index, unprocessed).slope();
    double[] cleaned = smoothed(filtered, settings.smoothingSigmaMm() / dz);
    cropTails(cleaned, dz, originalSlope, settings);
    LineFit fit = LineFit.of(z, cleaned);
    double ratio = Math.abs(fit.slope()) / settings.slopeMean();
    double valid = Double.isNaN(ratio) ? Double.NaN : Math.abs(1 - ratio) > settings.rSlopeThreshold() ? 0 : 1;
    return new ScoreCurve(unprocessed, filtered, cleaned, z, dz, fit, valid, fit.slope() < 0,
        fit.slope() * dz / settings.slopeMean(), ratio);
  }

  /** A raw score equal, to 2 decimals, to one the network gives empty slices. */
  static boolean isBackground(float raw, double[] backgroundScores) {
    double rounded = Math.rint(raw * 100.0) / 100.0;
    for (double b : backgroundScores) {
      if (Math.abs(rounded - b) < 1e-6) {
        return true;
      }
    }
    return false;
  }

  /** Gaussian smoothing of the non-NaN values taken in order (gaps closed), written back in place. */
  static double[] smoothed(double[] values, double sigmaSlices) {
    int count = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        count++;
      }
    }
    double[] out = values.clone();
    if (count == 0) {
      return out;
    }
    double[] packed = new double[count];
    for (int i = 0, k = 0; i < values.length; i++) {
      if (!Double.isNaN(values[i])) {
        packed[k++] = values[i];
      }
    }
    double[] smooth = new GaussianFilter1d(sigmaSlices, SMOOTHING_TRUNCATE).apply(packed);
    for (int i = 0, k = 0; i < values.length; i++) {
      if (!Double.isNaN(values[i])) {
        out[i] = smooth[k++];
      }
    }
    return out;
  }

  /** First index of the value nearest to {@code target} if within the tolerance, else −1. */
  static int nearest(double[] s, double target) {
    int best = -1;
    for (int i = 0; i < s.length; i++) {
      if (!Double.isNaN(s[i]) && (best < 0 || Math.abs(s[i] - target) < Math.abs(s[best] - target))) {
        best = i;
      }
    }
    return best >= 0 && Math.abs(s[best] - target) < BOUNDARY_TOLERANCE ? best : -1;
  }

  /**
   * Sets to NaN the tails beyond the range ends whose slice-to-slice slope is implausible: before the last
   * outlier below the lower end, from the first outlier above the upper end.
   */
  static void cropTails(double[] s, double dz, double originalSlope, BprSettings settings) {
    int n = s.length;
    if (n < 2) {
      return;
    }
    int start = nearest(s, 0);
    int end = nearest(s, 100);
    if (start >= 0 && end >= 0 && start > end) {
      start = -1;
    }
    boolean increasing = originalSlope > 0;
    int lowBound = increasing ? start : end;
    int highBound = increasing ? end : start;
    int lastLeft = -1;
    int firstRight = -1;
    for (int i = 0; i < n; i++) {
      double slope = i < n - 1 ? (s[i + 1] - s[i]) / dz : (s[n - 1] - s[n - 2]) / dz;
      boolean outlier = slope < settings.tangentialSlopeMin() || slope > settings.tangentialSlopeMax();
      if (!outlier) {
        continue;
      }
      if (lowBound >= 0 && i < lowBound) {
        lastLeft = i;
      }
      if (highBound >= 0 && i > highBound && firstRight < 0) {
        firstRight = i;
      }
    }
    for (int i = 0; i < lastLeft; i++) {
      s[i] = Double.NaN;
    }
    if (firstRight >= 0) {
      for (int i = firstRight; i < n; i++) {
        s[i] = Double.NaN;
      }
    }
  }
}
