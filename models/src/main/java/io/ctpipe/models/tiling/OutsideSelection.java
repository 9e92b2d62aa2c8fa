package io.ctpipe.models.tiling;

/**
 * For each voxel of a chunk: the few labels outside its kept set with the largest contributions, highest first (the
 * lower label first on a tie). Filled channel by channel, so that a chunk's logits are read row by row.
 */
final class OutsideSelection {
  private final int capacity;
  private final int[] labels;
  private final float[] values;
  private final int[] count;
  private final int[] need;
  /** Per voxel: what a contribution must beat to enter (−∞ until full, +∞ when nothing is needed). */
  final float[] floor;

  OutsideSelection(int voxels, int capacity) {
    this.capacity = capacity;
    this.labels = new int[voxels * capacity];
    this.values = new float[voxels * capacity];
    this.count = new int[voxels];
    this.need = new int[voxels];
    this.floor = new float[voxels];
  }

  /** Starts voxel {@code j} wanting {@code n} labels (at most the capacity). */
  void begin(int j, int n) {
    count[j] = 0;
    need[j] = n;
    floor[j] = n == 0 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
  }

  /** Offers label {@code c} with contribution {@code v} to voxel {@code j}; labels come in increasing order. */
  void offer(int j, int c, float v) {
    int base = j * capacity;
    int at = count[j] == need[j] ? need[j] - 1 : count[j]++;
    labels[base + at] = c;
    values[base + at] = v;
    while (at > 0 && values[base + at] > values[base + at - 1]) {
      int l = labels[base + at];
      labels[base + at] = labels[base + at - 1];
      labels[base + at - 1] = l;
      float x = values[base + at];
      values[base + at] = values[base + at - 1];
      values[base + at - 1] = x;
      at--;
    }
    if (count[j] == need[j]) {
      floor[j] = values[base + need[j] - 1];
    }
  }

  int size(int j) {
    return count[j];
  }

  int label(int j, int i) {
    return labels[j * capacity + i];
  }

  float value(int j, int i) {
    return values[j * capacity + i];
  }
}
