package io.ctpipe.models.tiling;

import java.nio.FloatBuffer;

/**
 * STREAMING and STREAMING_FP16: sums only for the band of planes along the streaming axis that windows still touch.
 * Windows arrive in order of their start along that axis, so when a window starts at plane p no later window touches
 * planes before p: they are reduced to labels and their slots reused. Windows are added in the same order as in
 * FULL, so every voxel sums the same terms in the same order and the float32 labels are identical.
 */
final class StreamingAccumulator extends BandAccumulator {
  private final VoxelLayout layout;
  private final int channels;
  private final float[][] sums;
  private final short[][] halfSums;
  private final float[] scratch;
  private final IndexPairs pairs;
  private long reduced;

  StreamingAccumulator(Band band, int channels, boolean half, short[] labels) {
    super(band, labels);
    this.layout = band.layout;
    this.channels = channels;
    this.sums = half ? null : new float[channels][band.voxels()];
    this.halfSums = half ? new short[channels][band.voxels()] : null;
    this.scratch = new float[layout.windowVoxels()];
    this.pairs = new IndexPairs(layout.windowVoxels());
  }

  @Override
  public void add(WindowBox box, int firstPlane, int planes, FloatBuffer logits, int offset, float[] weights) {
    int plane = layout.roi[1] * layout.roi[2];
    int lo = firstPlane * plane;
    int n = planes * plane;
    pairs.fill(box, band.region, layout, band::index);
    int from = pairs.first(lo);
    int to = pairs.first(lo + n);
    int[] b = pairs.target;
    int[] w = pairs.window;
    for (int c = 0; c < channels; c++) {
      logits.get(offset + c * n, scratch, 0, n);
      if (sums != null) {
        float[] sum = sums[c];
        for (int k = from; k < to; k++) {
          sum[b[k]] += weights[w[k]] * scratch[w[k] - lo];
        }
      } else {
        short[] sum = halfSums[c];
        for (int k = from; k < to; k++) {
          sum[b[k]] = Half.fromFloat(Half.toFloat(sum[b[k]]) + weights[w[k]] * scratch[w[k] - lo]);
        }
      }
    }
  }

  @Override
  short reduceAndClear(int slot) {
    reduced++;
    int best = 0;
    float max = Float.NEGATIVE_INFINITY;
    for (int k = 0; k < channels; k++) {
      float v;
      if (sums != null) {
        v = sums[k][slot];
        sums[k][slot] = 0f;
      } else {
        v = Half.toFloat(halfSums[k][slot]);
        halfSums[k][slot] = 0;
      }
      if (k == 0 || v > max) {
        max = v;
        best = k;
      }
    }
    return (short) (channels == 1 ? (max > 0 ? 1 : 0) : best);
  }

  @Override
  public long bytes() {
    return (long) channels * band.voxels() * (sums != null ? 4 : 2);
  }

  @Override
  public long exactVoxels() {
    return sums != null ? reduced : -1;
  }
}
