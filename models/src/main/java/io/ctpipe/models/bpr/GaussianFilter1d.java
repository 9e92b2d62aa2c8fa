package io.ctpipe.models.bpr;

/**
 * A 1-D Gaussian filter with SciPy's {@code gaussian_filter1d} semantics: kernel radius floor(truncate·σ + 0.5),
 * normalised weights exp(−x²/2σ²), "reflect" borders (half-sample symmetric: d c b a | a b c d | d c b a),
 * accumulated in double with the centre tap first and mirrored pairs from the outermost in.
 */
public final class GaussianFilter1d {
  private final double[] weights;
  private final int radius;

  public GaussianFilter1d(double sigma, double truncate) {
    if (!(sigma > 0)) {
      throw new IllegalArgumentException("sigma must be positive, got " + sigma);
    }
    radius = (int) (truncate * sigma + 0.5);
    weights = new double[radius + 1];
    double sum = 0;
    for (int x = -radius; x <= radius; x++) {
      sum += Math.exp(-0.5 / (sigma * sigma) * x * x);
    }
    for (int x = 0; x <= radius; x++) {
      weights[x] = Math.exp(-0.5 / (sigma * sigma) * x * x) / sum;
    }
  }

  public int radius() {
    return radius;
  }

  /**
   * Filters {@code n} values read from {@code in} at {@code inOffset + i·stride}, writing the results to {@code out}
   * at the same positions; {@code line} is scratch of at least n + 2·radius values.
   */
  public void apply(float[] in, float[] out, int offset, int stride, int n, double[] line) {
    for (int i = -radius; i < n + radius; i++) {
      line[i + radius] = in[offset + reflect(i, n) * stride];
    }
    for (int i = 0; i < n; i++) {
      out[offset + i * stride] = (float) filtered(line, i + radius);
    }
  }

  /** Filters a whole series of doubles. */
  public double[] apply(double[] values) {
    int n = values.length;
    double[] line = new double[n + 2 * radius];
    for (int i = -radius; i < n + radius; i++) {
      line[i + radius] = values[reflect(i, n)];
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = filtered(line, i + radius);
    }
    return out;
  }

  private double filtered(double[] line, int centre) {
    double sum = line[centre] * weights[0];
    for (int j = radius; j >= 1; j--) {
      sum += (line[centre - j] + line[centre + j]) * weights[j];
    }
    return sum;
  }

  /** Index of the sample that position i (any integer) mirrors to in a line of n samples. */
  static int reflect(int i, int n) {
    int m = Math.floorMod(i, 2 * n);
    return m < n ? m : 2 * n - 1 - m;
  }
}
