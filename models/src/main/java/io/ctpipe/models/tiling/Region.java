package io.ctpipe.models.tiling;

/**
 * The voxels an accumulator owns: [lo, hi) per axis in image coordinates. The whole volume, or one tile of the
 * plane across every plane of the streaming axis.
 */
record Region(int[] lo, int[] hi) {
  static Region whole(int[] size) {
    return new Region(new int[3], size.clone());
  }

  int extent(int axis) {
    return hi[axis] - lo[axis];
  }

  /** Whether the window's image part overlaps this region. */
  boolean touches(WindowBox box) {
    for (int a = 0; a < 3; a++) {
      if (box.hi()[a] <= lo[a] || box.lo()[a] >= hi[a]) {
        return false;
      }
    }
    return true;
  }
}
