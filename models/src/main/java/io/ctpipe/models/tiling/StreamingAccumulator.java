package io.ctpipe.models.tiling;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * STREAMING and STREAMING_FP16: sums only for the band of planes along the streaming axis that windows still touch,
 * a ring of R planes. Windows arrive in order of their start along that axis, so when a window starts at plane p no
 * later window touches planes before p: they are reduced to labels and their slots reused. Windows are added in the
 * same order as in FULL, so every voxel sums the same terms in the same order and the float32 labels are identical.
 */
final class StreamingAccumulator implements LogitAccumulator {
  private final VoxelLayout layout;
  private final int axis;
  private final int other1;
  private final int other2;
  private final int slots;
  private final int planeSize;
  private final float[][] band;
  private final short[][] halfBand;
  private final short[] labels;
  private final float[] scratch;
  private final IndexPairs pairs;
  private int finished;

  StreamingAccumulator(VoxelLayout layout, int channels, int axis, boolean half, short[] labels) {
    this.layout = layout;
    this.axis = axis;
    this.other1 = axis == 0 ? 1 : 0;
    this.other2 = axis == 2 ? 1 : 2;
    this.slots = Math.min(layout.roi[axis], layout.size[axis]);
    this.planeSize = layout.size[other1] * layout.size[other2];
    this.band = half ? null : new float[channels][slots * planeSize];
    this.halfBand = half ? new short[channels][slots * planeSize] : null;
    this.labels = labels;
    this.scratch = new float[layout.windowVoxels()];
    this.pairs = new IndexPairs(layout.windowVoxels());
  }

  private int bandIndex(int x, int y, int z) {
    int along;
    int first;
    int second;
    switch (axis) {
      case 0 -> {
        along = x;
        first = y;
        second = z;
      }
      case 1 -> {
        along = y;
        first = x;
        second = z;
      }
      default -> {
        along = z;
        first = x;
        second = y;
      }
    }
    return (along % slots) * planeSize + first * layout.size[other2] + second;
  }

  @Override
  public void add(WindowBox box, int firstPlane, int planes, FloatBuffer logits, int offset, float[] weights) {
    int plane = layout.roi[1] * layout.roi[2];
    int lo = firstPlane * plane;
    int n = planes * plane;
    pairs.fill(box, layout, this::bandIndex);
    int from = pairs.first(lo);
    int to = pairs.first(lo + n);
    int[] b = pairs.target;
    int[] w = pairs.window;
    int channels = band != null ? band.length : halfBand.length;
    for (int c = 0; c < channels; c++) {
      logits.get(offset + c * n, scratch, 0, n);
      if (band != null) {
        float[] sum = band[c];
        for (int k = from; k < to; k++) {
          sum[b[k]] += weights[w[k]] * scratch[w[k] - lo];
        }
      } else {
        short[] sum = halfBand[c];
        for (int k = from; k < to; k++) {
          sum[b[k]] = Half.fromFloat(Half.toFloat(sum[b[k]]) + weights[w[k]] * scratch[w[k] - lo]);
        }
      }
    }
  }

  @Override
  public void finishBefore(int plane) {
    int end = Math.min(plane, layout.size[axis]);
    for (int p = finished; p < end; p++) {
      reducePlane(p);
    }
    finished = Math.max(finished, end);
  }

  @Override
  public void finishAll() {
    finishBefore(layout.size[axis]);
  }

  private void reducePlane(int p) {
    int base = (p % slots) * planeSize;
    int channels = band != null ? band.length : halfBand.length;
    int[] c = new int[3];
    c[axis] = p;
    for (int i = 0; i < layout.size[other1]; i++) {
      c[other1] = i;
      for (int j = 0; j < layout.size[other2]; j++) {
        c[other2] = j;
        int slot = base + i * layout.size[other2] + j;
        int best = 0;
        float max = value(0, slot);
        for (int k = 1; k < channels; k++) {
          float v = value(k, slot);
          if (v > max) {
            max = v;
            best = k;
          }
        }
        labels[layout.index(c[0], c[1], c[2])] = (short) (channels == 1 ? (max > 0 ? 1 : 0) : best);
      }
    }
    for (int k = 0; k < channels; k++) {
      if (band != null) {
        Arrays.fill(band[k], base, base + planeSize, 0f);
      } else {
        Arrays.fill(halfBand[k], base, base + planeSize, (short) 0);
      }
    }
  }

  private float value(int channel, int slot) {
    return band != null ? band[channel][slot] : Half.toFloat(halfBand[channel][slot]);
  }

  @Override
  public long bytes() {
    int channels = band != null ? band.length : halfBand.length;
    return (long) channels * slots * planeSize * (band != null ? 4 : 2);
  }
}
