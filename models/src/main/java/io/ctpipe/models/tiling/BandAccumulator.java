package io.ctpipe.models.tiling;

/**
 * An accumulator over a {@link Band}: planes before the start of the next window along the streaming axis are
 * reduced to labels, each band voxel cleared for the plane that reuses it.
 */
abstract class BandAccumulator implements LogitAccumulator {
  final Band band;
  private final short[] labels;
  private int finished;

  BandAccumulator(Band band, short[] labels) {
    this.band = band;
    this.labels = labels;
  }

  /** The label of a band voxel once every window has been added to it; the voxel is left cleared for reuse. */
  abstract short reduceAndClear(int slot);

  @Override
  public final void finishBefore(int plane) {
    int end = Math.min(plane, band.layout.size[band.axis]);
    if (end > finished) {
      band.forEachInPlanes(finished, end, (slot, voxel) -> labels[voxel] = reduceAndClear(slot));
      finished = end;
    }
  }

  @Override
  public final void finishAll() {
    finishBefore(band.layout.size[band.axis]);
  }
}
