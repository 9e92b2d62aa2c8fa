package io.ctpipe.pipeline.bench.cost;

import java.util.Optional;

/**
 * The cost of a series on one machine type and price tier, for a worker kept busy: as many series at once as its
 * memory holds, at most one per vCPU, each finishing in its measured core-seconds, {@code utilisation} of the time
 * the worker is billed. vCPUs beyond the series a worker holds count as idle, which makes the figure an upper bound
 * for memory-bound machine types: the engine's extra threads do shorten a series, by less than they cost
 * (docs/operations.md, "Sizing workers").
 *
 * @param seriesAtOnce series a worker holds at once ({@code --numberOfWorkerHarnessThreads})
 */
public record WorkerEstimate(MachineType machine, PriceTier tier, int seriesAtOnce, double dollarsPerWorkerHour,
    double seriesPerWorkerHour) {
  /** Memory a worker keeps for itself: the JVM, the harness and the networks' weights. */
  public static final long WORKER_OVERHEAD_BYTES = 1L << 30;

  /**
   * @param utilisation share of billed worker time spent on series (start-up, autoscaling and the last stragglers
   *     lower it), above 0 and at most 1
   * @return empty when one series does not fit in the machine's memory next to the worker's own
   */
  public static Optional<WorkerEstimate> of(SeriesWorkload workload, MachineType machine, PriceTier tier,
      double diskGb, double utilisation) {
    if (!(utilisation > 0) || utilisation > 1) {
      throw new IllegalArgumentException("--utilisation must be above 0 and at most 1, got " + utilisation);
    }
    if (!(diskGb >= 0) || diskGb > 65536) {
      throw new IllegalArgumentException("--disk-gb must be 0 to 65536, got " + diskGb);
    }
    double free = machine.memoryGb() * (1L << 30) - WORKER_OVERHEAD_BYTES;
    int fit = (int) Math.min(machine.vcpus(), Math.max(0, Math.floor(free / workload.memoryBytes())));
    if (fit == 0) {
      return Optional.empty();
    }
    return Optional.of(new WorkerEstimate(machine, tier, fit, tier.workerHour(machine, diskGb),
        fit * 3600.0 * utilisation / workload.coreSeconds()));
  }

  public double dollarsPerSeries() {
    return dollarsPerWorkerHour / seriesPerWorkerHour;
  }

  /** Hours {@code workers} workers take over {@code series} series. */
  public double hours(long series, int workers) {
    return series / (seriesPerWorkerHour * workers);
  }
}
