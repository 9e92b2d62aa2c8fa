package io.ctpipe.models.tiling;

/**
 * For one window: the accumulator index and the window index of every window voxel inside the image and the
 * accumulator's region, computed once per window and reused for every class.
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

  /** Fills the pairs of {@code box} inside {@code region}, unless they are this box's already (slabs of a window). */
  void fill(WindowBox box, Region region, VoxelLayout layout, Target mapping) {
    if (box == filled) {
      return;
    }
    filled = box;
    count = 0;
    int[] lo = new int[3];
    int[] hi = new int[3];
    for (int a = 0; a < 3; a++) {
      lo[a] = Math.max(box.lo()[a], region.lo()[a]);
      hi[a] = Math.min(box.hi()[a], region.hi()[a]);
    }
    for (int x = lo[0]; x < hi[0]; x++) {
      for (int y = lo[1]; y < hi[1]; y++) {
        int w = layout.windowIndex(box, x, y, lo[2]);
        for (int z = lo[2]; z < hi[2]; z++, w++) {
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
