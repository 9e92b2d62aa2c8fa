package io.ctpipe.pipeline.bench.cost;

/**
 * Hourly rates of one way of paying for workers (Dataflow batch, FlexRS, ...), in US dollars: per vCPU, per GB of
 * memory and per GB of persistent disk.
 */
public record PriceTier(String name, double vcpuHour, double memoryGbHour, double diskGbHour) {
  public PriceTier {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a price tier needs a name");
    }
    for (double rate : new double[] {vcpuHour, memoryGbHour, diskGbHour}) {
      if (!(rate >= 0) || rate > 1000) {
        throw new IllegalArgumentException("price tier " + name + ": rates must be 0 to 1000 dollars an hour, got "
            + rate);
      }
    }
  }

  /** What one worker of this machine type with {@code diskGb} of disk costs an hour. */
  public double workerHour(MachineType machine, double diskGb) {
    return machine.vcpus() * vcpuHour + machine.memoryGb() * memoryGbHour + diskGb * diskGbHour;
  }
}
