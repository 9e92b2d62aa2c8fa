package io.ctpipe.models.tiling;

/** Where weighted window logits are summed before the argmax. */
public enum Accumulation {
  /** Every class for every voxel in float32 (MONAI's output buffer): the reference. */
  FULL,
  /** Only the band of planes that windows still touch along the streaming axis, in float32; labels equal FULL. */
  STREAMING,
  /** As STREAMING with the band stored in IEEE half precision: half the memory, labels close to FULL. */
  STREAMING_FP16,
  /**
   * As STREAMING keeping only the K best class sums per voxel (label byte + float32): memory independent of the
   * number of classes; labels proven equal to FULL where the kept sums' margin shows it (counted per run).
   */
  TOPK;

  /** Bytes held per accumulated voxel (of the volume for FULL, of the band otherwise) for a model's class count. */
  public long bytesPerVoxel(int classes, int topK) {
    return switch (this) {
      case FULL, STREAMING -> 4L * classes;
      case STREAMING_FP16 -> 2L * classes;
      case TOPK -> 5L * Math.min(topK, classes) + 5;
    };
  }
}
