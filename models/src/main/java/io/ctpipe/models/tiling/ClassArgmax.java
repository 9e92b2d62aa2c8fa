package io.ctpipe.models.tiling;

import java.util.Arrays;

/**
 * FULL's argmax over per-class sums for a run of voxels, class by class over the run (contiguous loads): the lowest
 * class of the largest sum, or for a single-channel (sigmoid) model 1 where the sum is positive. Sums are cleared
 * behind it when asked (band slots reused). One per thread: it holds the run's running maximum.
 */
final class ClassArgmax {
  private final float[] max;
  private final int[] best;

  ClassArgmax(int capacity) {
    max = new float[capacity];
    best = new int[capacity];
  }

  /** Labels of sums[·][slot, slot + length) into labels[voxel, voxel + length); length ≤ the capacity given. */
  void reduce(float[][] sums, int slot, int length, boolean clear, short[] labels, int voxel) {
    System.arraycopy(sums[0], slot, max, 0, length);
    Arrays.fill(best, 0, length, 0);
    for (int c = 1; c < sums.length; c++) {
      float[] sum = sums[c];
      for (int i = 0; i < length; i++) {
        float v = sum[slot + i];
        if (v > max[i]) {
          max[i] = v;
          best[i] = c;
        }
      }
    }
    if (clear) {
      for (float[] sum : sums) {
        Arrays.fill(sum, slot, slot + length, 0f);
      }
    }
    write(sums.length, length, labels, voxel);
  }

  /** As {@link #reduce} for binary16 sums, always cleared. */
  void reduceHalf(short[][] sums, int slot, int length, short[] labels, int voxel) {
    short[] first = sums[0];
    for (int i = 0; i < length; i++) {
      max[i] = Half.toFloat(first[slot + i]);
    }
    Arrays.fill(best, 0, length, 0);
    for (int c = 1; c < sums.length; c++) {
      short[] sum = sums[c];
      for (int i = 0; i < length; i++) {
        float v = Half.toFloat(sum[slot + i]);
        if (v > max[i]) {
          max[i] = v;
          best[i] = c;
        }
      }
    }
    for (short[] sum : sums) {
      Arrays.fill(sum, slot, slot + length, (short) 0);
    }
    write(sums.length, length, labels, voxel);
  }

  private void write(int channels, int length, short[] labels, int voxel) {
    for (int i = 0; i < length; i++) {
      labels[voxel + i] = (short) (channels == 1 ? (max[i] > 0 ? 1 : 0) : best[i]);
    }
  }
}
