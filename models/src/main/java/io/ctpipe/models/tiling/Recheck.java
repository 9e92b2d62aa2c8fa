package io.ctpipe.models.tiling;

import java.util.Arrays;
import java.util.List;

/**
 * TOPK's second pass: the voxels its first pass marked {@link TopKAccumulator#UNPROVEN} get FULL's labels by running
 * again, in FULL's order, only the windows that cover them, summing every class for those voxels alone
 * ({@link ExactVoxelSums}). The voxels are taken in rounds of at most {@code budgetBytes} of sums, so memory stays
 * what the caller allows whatever the class count; more unproven voxels cost more rounds, not more memory.
 */
final class Recheck {
  private final VoxelLayout layout;
  private final int channels;
  private final int capacity;
  /** Voxels rechecked so far (all of them now carry FULL's label). */
  long voxels;

  Recheck(VoxelLayout layout, int channels, long budgetBytes) {
    this.layout = layout;
    this.channels = channels;
    this.capacity = (int) Math.max(1, Math.min(Integer.MAX_VALUE,
        budgetBytes / ExactVoxelSums.bytesPerVoxel(channels)));
  }

  /** Voxels held at most per round. */
  int capacity() {
    return capacity;
  }

  /** Rechecks every marked voxel of {@code labels} with {@code windows} (in enumeration order) through {@code pass}. */
  void run(short[] labels, List<WindowBox> windows, WindowPass pass) throws Exception {
    int next = 0;
    int[] round = new int[capacity];
    while (true) {
      int count = 0;
      for (; next < labels.length && count < capacity; next++) {
        if ((labels[next] & TopKAccumulator.UNPROVEN) != 0) {
          round[count++] = next;
        }
      }
      if (count == 0) {
        return;
      }
      int[] set = count == capacity ? round : Arrays.copyOf(round, count);
      ExactVoxelSums sums = new ExactVoxelSums(layout, channels, set, labels);
      pass.run(windows.stream().filter(sums::touches).toList(), sums);
      sums.finishAll();
      voxels += count;
    }
  }
}
