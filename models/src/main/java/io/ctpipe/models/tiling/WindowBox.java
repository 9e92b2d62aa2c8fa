package io.ctpipe.models.tiling;

/**
 * One window: its start in image coordinates per axis (negative when the image is padded) and the part of it that
 * lies inside the image, [lo, hi) per axis.
 */
record WindowBox(int[] start, int[] lo, int[] hi) {
  static WindowBox of(WindowGrid grid, int[] paddedStart) {
    int[] start = new int[3];
    int[] lo = new int[3];
    int[] hi = new int[3];
    for (int a = 0; a < 3; a++) {
      start[a] = paddedStart[a] - grid.padBefore(a);
      lo[a] = Math.max(0, start[a]);
      hi[a] = Math.min(grid.size(a), start[a] + grid.roi(a));
    }
    return new WindowBox(start, lo, hi);
  }
}
