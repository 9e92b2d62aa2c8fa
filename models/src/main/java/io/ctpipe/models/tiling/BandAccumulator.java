package io.ctpipe.models.tiling;

/**
 * An accumulator over a {@link Band}: planes before the start of the next window along the streaming axis are
 * reduced to labels, row by row over the workers, each band voxel cleared for the plane that reuses it.
 */
abstract class BandAccumulator implements LogitAccumulator {
  /** Rows below which a reduction is not split between threads. */
  private static final int MIN_ROWS_PER_PART = 16;

  final Band band;
  final Workers workers;
  private final short[] labels;
  private int finished;
  private long proven;

  BandAccumulator(Band band, Workers workers, short[] labels) {
    this.band = band;
    this.workers = workers;
    this.labels = labels;
  }

  /**
   * Writes the labels of band voxels [slot, slot + length) (volume voxels from {@code voxel}) once every window has
   * been added to them, leaving them cleared for reuse; returns how many of them are proven equal to FULL's.
   * {@code part} is the calling thread's part (for its scratch).
   */
  abstract int reduceAndClear(int part, int slot, int voxel, int length, short[] labels);

  /** Voxels reduced so far whose label is proven equal to FULL's. */
  final long provenVoxels() {
    return proven;
  }

  @Override
  public final void finishBefore(int plane) {
    int end = Math.min(plane, band.layout.size[band.axis]);
    if (end > finished) {
      int from = finished;
      long[] counts = new long[workers.threads()];
      workers.split(band.rowCount(from, end), MIN_ROWS_PER_PART, (part, a, b) -> {
        for (int row = a; row < b; row++) {
          band.visitRow(from, end, row, (slot, voxel, length) ->
              counts[part] += reduceAndClear(part, slot, voxel, length, labels));
        }
      });
      for (long c : counts) {
        proven += c;
      }
      finished = end;
    }
  }

  @Override
  public final void finishAll() {
    finishBefore(band.layout.size[band.axis]);
  }
}
