package io.ctpipe.models.tiling;

import java.nio.FloatBuffer;

/**
 * STREAMING and STREAMING_FP16: sums only for the band of planes along the streaming axis that windows still touch.
 * Windows arrive in order of their start along that axis, so when a window starts at plane p no later window touches
 * planes before p: they are reduced to labels and their slots reused. Windows are added in the same order as in
 * FULL, so every voxel sums the same terms in the same order and the float32 labels are identical.
 */
final class StreamingAccumulator extends BandAccumulator {
  private final float[][] sums;
  private final short[][] halfSums;
  private final WeightedAdd adder;
  private final ClassArgmax[] argmax;

  StreamingAccumulator(Band band, int channels, boolean half, Workers workers, short[] labels) {
    super(band, workers, labels);
    this.sums = half ? null : new float[channels][band.voxels()];
    this.halfSums = half ? new short[channels][band.voxels()] : null;
    this.adder = new WeightedAdd(band.layout, workers);
    this.argmax = new ClassArgmax[workers.threads()];
    for (int p = 0; p < argmax.length; p++) {
      argmax[p] = new ClassArgmax(band.longestRun());
    }
  }

  @Override
  public void add(WindowBox box, int firstPlane, int planes, FloatBuffer logits, int offset, float[] weights) {
    adder.add(box, band.region, band::index, firstPlane, planes, logits, offset, weights, sums, halfSums);
  }

  @Override
  int reduceAndClear(int part, int slot, int voxel, int length, short[] labels) {
    if (sums != null) {
      argmax[part].reduce(sums, slot, length, true, labels, voxel);
    } else {
      argmax[part].reduceHalf(halfSums, slot, length, labels, voxel);
    }
    return length;
  }

  @Override
  public long bytes() {
    int channels = sums != null ? sums.length : halfSums.length;
    return (long) channels * band.voxels() * (sums != null ? 4 : 2);
  }

  @Override
  public long exactVoxels() {
    return sums != null ? provenVoxels() : -1;
  }
}
