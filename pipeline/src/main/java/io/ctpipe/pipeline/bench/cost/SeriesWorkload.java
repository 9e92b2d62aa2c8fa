package io.ctpipe.pipeline.bench.cost;

/**
 * What one series costs a worker, as measured: CPU core-seconds (all stages, from {@code ctpipe bench pipeline})
 * and the memory it holds at its peak (docs/operations.md, "Sizing workers").
 */
public record SeriesWorkload(double coreSeconds, long memoryBytes) {
  public SeriesWorkload {
    if (!(coreSeconds > 0) || coreSeconds > 1e7) {
      throw new IllegalArgumentException("--core-seconds must be above 0 and at most 1e7, got " + coreSeconds);
    }
    if (memoryBytes <= 0) {
      throw new IllegalArgumentException("--memory-per-series must be positive, got " + memoryBytes + " bytes");
    }
  }
}
