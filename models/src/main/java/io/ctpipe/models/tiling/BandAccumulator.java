package io.ctpipe.models.tiling;

/**
 * An accumulator over a {@link Band}: planes before the start of the next window along the streaming axis are
 * reduced to labels and their slots cleared for reuse.
 */
abstract class BandAccumulator implements LogitAccumulator {
  final Band band;
  private final short[] labels;
  private int finished;

  BandAccumulator(Band band, short[] labels) {
    this.band = band;
    this.labels = labels;
  }

  /** The label of a band voxel once every window has been added to it. */
  abstract short reduce(int slot);

  /** Resets {@code count} band voxels from {@code from} for the plane that will reuse them. */
  abstract void clear(int from, int count);

  @Override
  public final void finishBefore(int plane) {
    int end = Math.min(plane, band.layout.size[band.axis]);
    for (int p = finished; p < end; p++) {
      band.forEachInPlane(p, (slot, voxel) -> labels[voxel] = reduce(slot));
      clear(band.planeBase(p), band.planeSize);
    }
    finished = Math.max(finished, end);
  }

  @Override
  public final void finishAll() {
    finishBefore(band.layout.size[band.axis]);
  }
}
