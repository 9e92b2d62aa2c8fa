package io.ctpipe.models.tiling;

import java.util.Arrays;

/**
 * Window positions of MONAI's sliding window along three axes. Per axis with image size S, ROI R and overlap o: the
 * image is padded to P = max(S, R) (⌊(R − S)/2⌋ before); step T = R when P = R, else max(1, ⌊R·(1 − o)⌋); N = 1 when
 * P ≤ R, else ⌈(P − R)/T⌉ + 1 windows starting at min(k·T, P − R).
 */
public final class WindowGrid {
  private final int[] size;
  private final int[] roi;
  private final int[] padBefore;
  private final int[][] starts;

  public WindowGrid(int[] size, int[] roi, double[] overlap) {
    this.size = size.clone();
    this.roi = roi.clone();
    this.padBefore = new int[3];
    this.starts = new int[3][];
    for (int a = 0; a < 3; a++) {
      if (roi[a] < 1) {
        throw new IllegalArgumentException("ROI " + Arrays.toString(roi) + " must be positive");
      }
      if (!(overlap[a] >= 0 && overlap[a] < 1)) {
        throw new IllegalArgumentException("overlap " + overlap[a] + " must be in [0, 1)");
      }
      int padded = Math.max(size[a], roi[a]);
      padBefore[a] = (padded - size[a]) / 2;
      int step = padded == roi[a] ? roi[a] : Math.max(1, (int) Math.floor(roi[a] * (1 - overlap[a])));
      int count = padded <= roi[a] ? 1 : (int) Math.ceil((double) (padded - roi[a]) / step) + 1;
      starts[a] = new int[count];
      for (int k = 0; k < count; k++) {
        starts[a][k] = Math.min(k * step, padded - roi[a]);
      }
    }
  }

  /** Window starts along an axis, in padded coordinates. */
  public int[] starts(int axis) {
    return starts[axis].clone();
  }

  /** Voxels of padding before the image along an axis (0 unless the image is shorter than the ROI). */
  public int padBefore(int axis) {
    return padBefore[axis];
  }

  public int size(int axis) {
    return size[axis];
  }

  public int roi(int axis) {
    return roi[axis];
  }

  public int windowCount() {
    return starts[0].length * starts[1].length * starts[2].length;
  }
}
