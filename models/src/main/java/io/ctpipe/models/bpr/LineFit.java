package io.ctpipe.models.bpr;

/** An ordinary least-squares line y = slope·x + intercept over the points whose y is not NaN. */
public record LineFit(double slope, double intercept, int points) {

  public static LineFit of(double[] x, double[] y) {
    double sx = 0;
    double sy = 0;
    int n = 0;
    for (int i = 0; i < y.length; i++) {
      if (!Double.isNaN(y[i])) {
        sx += x[i];
        sy += y[i];
        n++;
      }
    }
    if (n < 2) {
      return new LineFit(Double.NaN, Double.NaN, n);
    }
    double mx = sx / n;
    double my = sy / n;
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < y.length; i++) {
      if (!Double.isNaN(y[i])) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
      }
    }
    double slope = sxx == 0 ? Double.NaN : sxy / sxx;
    return new LineFit(slope, my - slope * mx, n);
  }

  public double at(double x) {
    return slope * x + intercept;
  }
}
