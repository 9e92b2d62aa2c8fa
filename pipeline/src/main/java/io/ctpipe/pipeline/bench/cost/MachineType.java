package io.ctpipe.pipeline.bench.cost;

/** A worker machine type: its vCPUs and memory (GB as Google Cloud counts them, 2^30 bytes). */
public record MachineType(String name, int vcpus, double memoryGb) {
  public MachineType {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a machine type needs a name");
    }
    if (vcpus < 1 || vcpus > 1024) {
      throw new IllegalArgumentException("machine type " + name + ": vCPUs must be 1 to 1024, got " + vcpus);
    }
    if (!(memoryGb > 0) || memoryGb > 65536) {
      throw new IllegalArgumentException("machine type " + name + ": memory must be above 0 and at most 65536 GB, "
          + "got " + memoryGb);
    }
  }
}
