package io.ctpipe.models.tiling;

import java.nio.FloatBuffer;

/**
 * FULL's float32 sums of every class, held only for a given set of voxels: the windows added in FULL's order give
 * them FULL's sums bit for bit (same terms, same order, same float operations), so their labels are FULL's.
 * Memory: (4 × classes + 4) bytes per voxel of the set, whatever the volume.
 */
final class ExactVoxelSums implements LogitAccumulator {
  private final VoxelLayout layout;
  private final int channels;
  private final int[] voxels;
  private final float[] sums;
  private final short[] labels;

  /** {@code voxels}: volume indices in increasing order; their labels are written to {@code labels}. */
  ExactVoxelSums(VoxelLayout layout, int channels, int[] voxels, short[] labels) {
    this.layout = layout;
    this.channels = channels;
    this.voxels = voxels;
    this.sums = new float[voxels.length * channels];
    this.labels = labels;
  }

  /** Whether the box holds any of the voxels. */
  boolean touches(WindowBox box) {
    int[] xyz = new int[3];
    for (int i = first(box.lo()[0]); i < voxels.length && coordinates(voxels[i], xyz)[0] < box.hi()[0]; i++) {
      if (inside(box, xyz, box.lo()[0], box.hi()[0])) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void add(WindowBox box, int firstPlane, int planes, FloatBuffer logits, int offset, float[] weights) {
    int plane = layout.roi[1] * layout.roi[2];
    int lo = firstPlane * plane;
    int n = planes * plane;
    int xLo = Math.max(box.lo()[0], box.start()[0] + firstPlane);
    int xHi = Math.min(box.hi()[0], box.start()[0] + firstPlane + planes);
    int[] xyz = new int[3];
    for (int i = first(xLo); i < voxels.length && coordinates(voxels[i], xyz)[0] < xHi; i++) {
      if (inside(box, xyz, xLo, xHi)) {
        int w = layout.windowIndex(box, xyz[0], xyz[1], xyz[2]);
        for (int c = 0; c < channels; c++) {
          sums[i * channels + c] += weights[w] * logits.get(offset + c * n + w - lo);
        }
      }
    }
  }

  @Override
  public void finishBefore(int plane) {
    // the set is reduced at the end
  }

  /** FULL's argmax rule: the lowest channel of the largest sum; one channel: 1 where the sum is positive. */
  @Override
  public void finishAll() {
    for (int i = 0; i < voxels.length; i++) {
      int base = i * channels;
      int best = 0;
      for (int c = 1; c < channels; c++) {
        if (sums[base + c] > sums[base + best]) {
          best = c;
        }
      }
      labels[voxels[i]] = (short) (channels == 1 ? (sums[base] > 0 ? 1 : 0) : best);
    }
  }

  @Override
  public long bytes() {
    return bytesPerVoxel(channels) * voxels.length;
  }

  @Override
  public long exactVoxels() {
    return voxels.length;
  }

  static long bytesPerVoxel(int channels) {
    return 4L * channels + 4;
  }

  private int first(int x) {
    int target = x * layout.size[1] * layout.size[2];
    int lo = 0;
    int hi = voxels.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (voxels[mid] < target) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private int[] coordinates(int voxel, int[] xyz) {
    int rowLength = layout.size[2];
    xyz[2] = voxel % rowLength;
    xyz[1] = voxel / rowLength % layout.size[1];
    xyz[0] = voxel / rowLength / layout.size[1];
    return xyz;
  }

  private static boolean inside(WindowBox box, int[] xyz, int xLo, int xHi) {
    return xyz[0] >= xLo && xyz[0] < xHi && xyz[1] >= box.lo()[1] && xyz[1] < box.hi()[1] && xyz[2] >= box.lo()[2]
        && xyz[2] < box.hi()[2];
  }
}
