package io.ctpipe.models.tiling;

import java.nio.FloatBuffer;

/**
 * FULL: float32 weighted sums for every class and voxel (MONAI's output buffer), reduced to labels at the end. The
 * weight map MONAI divides by is not kept: a positive per-voxel divisor does not choose the argmax.
 */
final class FullAccumulator implements LogitAccumulator {
  private final VoxelLayout layout;
  private final float[][] sums;
  private final short[] labels;
  private final float[] scratch;
  private final IndexPairs pairs;
  private final Region region;
  private boolean reduced;

  FullAccumulator(VoxelLayout layout, int channels, short[] labels) {
    this.layout = layout;
    this.sums = new float[channels][layout.voxels()];
    this.labels = labels;
    this.scratch = new float[layout.windowVoxels()];
    this.pairs = new IndexPairs(layout.windowVoxels());
    this.region = Region.whole(layout.size);
  }

  @Override
  public void add(WindowBox box, int firstPlane, int planes, FloatBuffer logits, int offset, float[] weights) {
    int plane = layout.roi[1] * layout.roi[2];
    int lo = firstPlane * plane;
    int n = planes * plane;
    pairs.fill(box, region, layout, layout::index);
    int from = pairs.first(lo);
    int to = pairs.first(lo + n);
    int[] v = pairs.target;
    int[] w = pairs.window;
    for (int c = 0; c < sums.length; c++) {
      logits.get(offset + c * n, scratch, 0, n);
      float[] sum = sums[c];
      for (int k = from; k < to; k++) {
        sum[v[k]] += weights[w[k]] * scratch[w[k] - lo];
      }
    }
  }

  @Override
  public void finishBefore(int plane) {
    // everything is reduced at the end
  }

  @Override
  public void finishAll() {
    int n = layout.voxels();
    for (int v = 0; v < n; v++) {
      int best = 0;
      float max = sums[0][v];
      for (int c = 1; c < sums.length; c++) {
        if (sums[c][v] > max) {
          max = sums[c][v];
          best = c;
        }
      }
      labels[v] = (short) (sums.length == 1 ? (max > 0 ? 1 : 0) : best);
    }
    reduced = true;
  }

  @Override
  public long exactVoxels() {
    return reduced ? layout.voxels() : 0;
  }

  @Override
  public long bytes() {
    return 4L * layout.voxels() * sums.length;
  }
}
