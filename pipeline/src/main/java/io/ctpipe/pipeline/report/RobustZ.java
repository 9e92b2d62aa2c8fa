package io.ctpipe.pipeline.report;

import java.util.Arrays;

/**
 * Robust z-scores: (x − median) / (1.4826 · MAD), which one extreme series cannot mask the way it inflates a
 * standard deviation. A value is an outlier beyond |z| 3.5 (Iglewicz and Hoaglin); with fewer than 4 values, or
 * when more than half are equal (MAD 0), nothing is called an outlier.
 */
final class RobustZ {
  static final double THRESHOLD = 3.5;
  private static final int MIN_VALUES = 4;

  private RobustZ() {}

  /** The robust z of each value (NaN when it cannot be judged). */
  static double[] of(double[] values) {
    double[] z = new double[values.length];
    Arrays.fill(z, Double.NaN);
    if (values.length < MIN_VALUES) {
      return z;
    }
    double median = median(values);
    double[] deviations = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      deviations[i] = Math.abs(values[i] - median);
    }
    double mad = median(deviations) * 1.4826;
    if (mad == 0) {
      return z;
    }
    for (int i = 0; i < values.length; i++) {
      z[i] = (values[i] - median) / mad;
    }
    return z;
  }

  static boolean outlier(double z) {
    return Math.abs(z) > THRESHOLD;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
