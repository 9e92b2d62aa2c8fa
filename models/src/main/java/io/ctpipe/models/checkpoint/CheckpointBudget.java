package io.ctpipe.models.checkpoint;

/**
 * The bytes reading one checkpoint may allocate for tensor data, storages read and tensors rebuilt together,
 * each charged before it is allocated.
 */
final class CheckpointBudget {
  private final String file;
  private final long limit;
  private long used;

  CheckpointBudget(String file, long limit) {
    this.file = file;
    this.limit = limit;
  }

  /** Charges {@code bytes} for {@code what}, or refuses them when they would pass the limit. */
  void charge(long bytes, String what) throws CheckpointException {
    if (bytes > limit - used) {
      throw new CheckpointException(file + ": " + what + " needs " + bytes + " bytes, bringing the checkpoint's "
          + "tensor data to " + (used + bytes) + " bytes, over the limit of " + limit + " bytes for one checkpoint");
    }
    used += bytes;
  }
}
