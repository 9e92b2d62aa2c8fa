package io.ctpipe.models.bpr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Slices whose own score strays from the scan's score line: residual r = T(raw) − (a·z + b) against the line
 * fitted to the cleaned scores, anomalous when |r − median(r)| exceeds max(k·1.4826·MAD, a floor). Only slices
 * kept by the cleaning (not background, not a cropped tail) are judged.
 *
 * @param median median residual, score units
 * @param mad median absolute deviation of the residuals, score units
 * @param threshold the deviation beyond which a slice is anomalous, score units
 */
public record SliceAnomalies(double median, double mad, double threshold, List<Anomaly> slices) {
  /** Robust-z multiplier (1.4826·MAD estimates σ for normal residuals). */
  public static final double K = 5;
  /** Smallest threshold, score units (≈ 40 mm at the expected slope), so that near-perfect lines flag nothing. */
  public static final double MIN_THRESHOLD = 5;

  /** One anomalous slice: its index (feet → head), z (mm), own score, the line's score there, residual. */
  public record Anomaly(int index, double z, double score, double expected, double residual) {}

  public static SliceAnomalies find(ScoreCurve curve) {
    LineFit fit = curve.fit();
    double[] residual = new double[curve.z().length];
    List<Double> judged = new ArrayList<>();
    for (int i = 0; i < residual.length; i++) {
      residual[i] = Double.isNaN(curve.cleaned()[i]) ? Double.NaN : curve.filtered()[i] - fit.at(curve.z()[i]);
      if (!Double.isNaN(residual[i])) {
        judged.add(residual[i]);
      }
    }
    if (judged.size() < 3) {
      return new SliceAnomalies(Double.NaN, Double.NaN, Double.NaN, List.of());
    }
    double[] values = judged.stream().mapToDouble(Double::doubleValue).toArray();
    double median = median(values);
    double[] deviations = Arrays.stream(values).map(v -> Math.abs(v - median)).toArray();
    double mad = median(deviations);
    double threshold = Math.max(K * 1.4826 * mad, MIN_THRESHOLD);
    List<Anomaly> anomalies = new ArrayList<>();
    for (int i = 0; i < residual.length; i++) {
      if (!Double.isNaN(residual[i]) && Math.abs(residual[i] - median) > threshold) {
        double z = curve.z()[i];
        anomalies.add(new Anomaly(i, z, curve.filtered()[i], fit.at(z), residual[i]));
      }
    }
    return new SliceAnomalies(median, mad, threshold, List.copyOf(anomalies));
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
