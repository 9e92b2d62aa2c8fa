package io.ctpipe.models.tiling;

/**
 * For one window: the accumulator index and the window index of every window voxel inside the image, computed once
 * per window and reused for every class.
 */
final class IndexPairs {
  /** Maps a voxel's image coordinates to an accumulator index. */
  interface Target {
    int index(int x, int y, int z);
  }

  final int[] target;
  final int[] window;
  int count;

  IndexPairs(int capacity) {
    target = new int[capacity];
    window = new int[capacity];
  }

  private WindowBox filled;

  /** Fills the pairs of {@code box}, unless they are this box's already (slabs of one window). */
  void fill(WindowBox box, VoxelLayout layout, Target mapping) {
    if (box == filled) {
      return;
    }
    filled = box;
    count = 0;
    for (int x = box.lo()[0]; x < box.hi()[0]; x++) {
      for (int y = box.lo()[1]; y < box.hi()[1]; y++) {
        int w = layout.windowIndex(box, x, y, box.lo()[2]);
        for (int z = box.lo()[2]; z < box.hi()[2]; z++, w++) {
          target[count] = mapping.index(x, y, z);
          window[count] = w;
          count++;
        }
      }
    }
  }

  /** The first pair whose window index is at least {@code windowIndex} (pairs are in window order). */
  int first(int windowIndex) {
    int lo = 0;
    int hi = count;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (window[mid] < windowIndex) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
