package io.ctpipe.models.tiling;

import java.util.List;

/**
 * TOPK's second pass: the voxels its first pass marked {@link TopKAccumulator#UNPROVEN} get FULL's labels by running
 * again, in FULL's order, only the windows that cover them, summing every class for those voxels alone
 * ({@link ExactVoxelSums}). The voxels are taken in rounds of at most {@code roundBytes}, (see
 * {@link TiledInference#RECHECK_FLOOR_BYTES})
 * of sums (the caller passes that), so memory stays bounded whatever the class count; more unproven voxels cost more
 * rounds, not more memory.
 */
final class Recheck {
  private final VoxelLayout layout;
  private final int channels;
  private final int capacity;
  /** Voxels rechecked so far (all of them now carry FULL's label). */
  long voxels;
  /** The most bytes a round held. */
  long bytes;

  Recheck(VoxelLayout layout, int channels, long roundBytes) {
    this.layout = layout;
    this.channels = channels;
    this.capacity = (int) Math.max(1, Math.min(Integer.MAX_VALUE,
        roundBytes / ExactVoxelSums.bytesPerVoxel(channels)));
  }

  /** Rechecks every marked voxel of {@code labels} with {@code windows} (in enumeration order) through {@code pass}. */
  void run(short[] labels, List<WindowBox> windows, WindowPass pass) throws Exception {
    int from = 0;
    while (true) {
      int count = 0;
      int to = from;
      for (; to < labels.length && count < capacity; to++) {
        count += (labels[to] & TopKAccumulator.UNPROVEN) != 0 ? 1 : 0;
      }
      if (count == 0) {
        return;
      }
      int[] round = new int[count];
      for (int v = from, i = 0; v < to; v++) {
        if ((labels[v] & TopKAccumulator.UNPROVEN) != 0) {
          round[i++] = v;
        }
      }
      ExactVoxelSums sums = new ExactVoxelSums(layout, channels, round, labels);
      pass.run(windows.stream().filter(sums::touches).toList(), sums);
      sums.finishAll();
      voxels += count;
      bytes = Math.max(bytes, sums.bytes());
      from = to;
    }
  }
}
