package io.ctpipe.models.tiling;

/**
 * The ring of R planes along the streaming axis that a streaming accumulator holds, restricted to its region of the
 * plane: plane p of the volume lives in ring slot p mod R. Band voxels keep the volume's axis order (the ring slot
 * takes the streaming axis's place), so a window's voxels that are neighbours in the volume are neighbours here too.
 */
final class Band {
  final VoxelLayout layout;
  final Region region;
  final int axis;
  private final int slots;
  private final int[] extent;

  Band(VoxelLayout layout, int axis, Region region) {
    this.layout = layout;
    this.region = region;
    this.axis = axis;
    this.slots = Math.min(layout.roi[axis], layout.size[axis]);
    this.extent = new int[3];
    for (int a = 0; a < 3; a++) {
      extent[a] = a == axis ? slots : region.extent(a);
    }
  }

  /** Band voxels: R planes of the region. */
  int voxels() {
    return extent[0] * extent[1] * extent[2];
  }

  /** The longest run {@link #visitRow} hands over. */
  int longestRun() {
    return axis == 2 ? slots : extent[2];
  }

  int index(int x, int y, int z) {
    int i = axis == 0 ? x % slots : x - region.lo()[0];
    int j = axis == 1 ? y % slots : y - region.lo()[1];
    int k = axis == 2 ? z % slots : z - region.lo()[2];
    return (i * extent[1] + j) * extent[2] + k;
  }

  /** Rows of the last axis in planes [{@code from}, {@code to}) of the region. */
  int rowCount(int from, int to) {
    return (axis == 0 ? to - from : region.extent(0)) * (axis == 1 ? to - from : region.extent(1));
  }

  /**
   * Visits row {@code row} (of {@link #rowCount}, in the volume's order) of planes [{@code from}, {@code to}) as runs
   * contiguous both in the band and in the volume: band index, volume index, length.
   */
  void visitRow(int from, int to, int row, RunVisitor visitor) {
    int ny = axis == 1 ? to - from : region.extent(1);
    int x = (axis == 0 ? from : region.lo()[0]) + row / ny;
    int y = (axis == 1 ? from : region.lo()[1]) + row % ny;
    int zLo = axis == 2 ? from : region.lo()[2];
    int zHi = axis == 2 ? to : region.hi()[2];
    for (int z = zLo; z < zHi; ) {
      int end = axis == 2 ? Math.min(zHi, (z / slots + 1) * slots) : zHi;
      visitor.visit(index(x, y, z), layout.index(x, y, z), end - z);
      z = end;
    }
  }

  /** Receives one run of band voxels. */
  interface RunVisitor {
    void visit(int slot, int voxel, int length);
  }
}
