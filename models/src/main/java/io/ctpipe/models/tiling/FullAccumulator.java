package io.ctpipe.models.tiling;

import java.nio.FloatBuffer;

/**
 * FULL: float32 weighted sums for every class and voxel (MONAI's output buffer), reduced to labels at the end. The
 * weight map MONAI divides by is not kept: a positive per-voxel divisor does not choose the argmax.
 */
final class FullAccumulator implements LogitAccumulator {
  /** Voxels one thread reduces at a time. */
  private static final int BLOCK = 4096;

  private final VoxelLayout layout;
  private final float[][] sums;
  private final short[] labels;
  private final Workers workers;
  private final WeightedAdd adder;
  private final Region region;
  private boolean reduced;

  FullAccumulator(VoxelLayout layout, int channels, Workers workers, short[] labels) {
    this.layout = layout;
    this.sums = new float[channels][layout.voxels()];
    this.labels = labels;
    this.workers = workers;
    this.adder = new WeightedAdd(layout, workers);
    this.region = Region.whole(layout.size);
  }

  @Override
  public void add(WindowBox box, int firstPlane, int planes, FloatBuffer logits, int offset, float[] weights) {
    adder.add(box, region, layout::index, firstPlane, planes, logits, offset, weights, sums, null);
  }

  @Override
  public void finishBefore(int plane) {
    // everything is reduced at the end
  }

  @Override
  public void finishAll() {
    int blocks = (layout.voxels() + BLOCK - 1) / BLOCK;
    workers.split(blocks, 1, (part, a, b) -> {
      ClassArgmax argmax = new ClassArgmax(BLOCK);
      for (int block = a; block < b; block++) {
        int from = block * BLOCK;
        int length = Math.min(BLOCK, layout.voxels() - from);
        argmax.reduce(sums, from, length, false, labels, from);
      }
    });
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
