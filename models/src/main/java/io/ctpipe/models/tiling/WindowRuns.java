package io.ctpipe.models.tiling;

/**
 * For one window: its voxels inside the image and an accumulator's region as runs that are contiguous both in the
 * window and in the accumulator (a row of the window's last axis, cut where the accumulator's ring wraps), in window
 * order; computed once per window and reused for every class and slab. A run never crosses a plane of the window's
 * first axis, so a slab's runs are a contiguous range.
 */
final class WindowRuns {
  /** Maps a voxel's image coordinates to an accumulator index. */
  interface Target {
    int index(int x, int y, int z);
  }

  final int[] target;
  final int[] window;
  final int[] length;
  int count;
  private WindowBox filled;

  WindowRuns(int[] roi) {
    int capacity = 2 * roi[0] * roi[1];
    target = new int[capacity];
    window = new int[capacity];
    length = new int[capacity];
  }

  /** Fills the runs of {@code box} inside {@code region}, unless they are this box's already (slabs of a window). */
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
    if (lo[2] >= hi[2]) {
      return;
    }
    for (int x = lo[0]; x < hi[0]; x++) {
      for (int y = lo[1]; y < hi[1]; y++) {
        addRow(mapping, layout.windowIndex(box, x, y, lo[2]), x, y, lo[2], hi[2]);
      }
    }
  }

  /** Adds row [zLo, zHi) at (x, y), cut wherever the accumulator index does not go on by one. */
  private void addRow(Target mapping, int w, int x, int y, int zLo, int zHi) {
    int first = mapping.index(x, y, zLo);
    if (mapping.index(x, y, zHi - 1) - first == zHi - 1 - zLo) {
      add(first, w, zHi - zLo);
      return;
    }
    int start = zLo;
    int previous = first;
    for (int z = zLo + 1; z < zHi; z++) {
      int t = mapping.index(x, y, z);
      if (t != previous + 1) {
        add(mapping.index(x, y, start), w + start - zLo, z - start);
        start = z;
      }
      previous = t;
    }
    add(mapping.index(x, y, start), w + start - zLo, zHi - start);
  }

  private void add(int t, int w, int n) {
    target[count] = t;
    window[count] = w;
    length[count] = n;
    count++;
  }

  /** The first run whose window index is at least {@code windowIndex}. */
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
