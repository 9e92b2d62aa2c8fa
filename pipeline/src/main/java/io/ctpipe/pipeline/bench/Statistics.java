package io.ctpipe.pipeline.bench;

import java.util.ArrayList;
import java.util.List;

/** The one statistics helper of the benchmarks: the median of timed runs or of per-series values. */
final class Statistics {
  private Statistics() {}

  /** The middle value, or the mean of the two middle values for an even count. */
  static double median(List<Long> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("the median of no values is undefined");
    }
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }
}
