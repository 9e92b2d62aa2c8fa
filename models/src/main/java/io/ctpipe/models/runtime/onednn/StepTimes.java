package io.ctpipe.models.runtime.onednn;

import java.util.Map;
import java.util.TreeMap;

/** Wall time per kind of step (convolution, normalization, reorder…), summed over runs: where the time goes. */
public final class StepTimes {
  private final Map<String, Long> nanos = new TreeMap<>();

  synchronized void add(String kind, long elapsed) {
    nanos.merge(kind, elapsed, Long::sum);
  }

  /** Forgets what was added (after warm-up runs). */
  public synchronized void clear() {
    nanos.clear();
  }

  /** Nanoseconds by step kind. */
  public synchronized Map<String, Long> nanosByKind() {
    return Map.copyOf(nanos);
  }

  /** Share of the time spent outside convolutions and deconvolutions (0 when nothing ran). */
  public synchronized double fractionOutsideConvolutions() {
    long total = nanos.values().stream().mapToLong(Long::longValue).sum();
    long conv = nanos.getOrDefault("convolution", 0L) + nanos.getOrDefault("deconvolution", 0L);
    return total == 0 ? 0 : (total - conv) / (double) total;
  }
}
