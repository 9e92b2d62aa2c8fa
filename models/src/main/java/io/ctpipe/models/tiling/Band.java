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

  int index(int x, int y, int z) {
    int i = axis == 0 ? x % slots : x - region.lo()[0];
    int j = axis == 1 ? y % slots : y - region.lo()[1];
    int k = axis == 2 ? z % slots : z - region.lo()[2];
    return (i * extent[1] + j) * extent[2] + k;
  }

  /**
   * Visits every voxel of planes [{@code from}, {@code to}) in the region, in the volume's order (which is the band's
   * too): its band index and its index in the volume.
   */
  void forEachInPlanes(int from, int to, VoxelVisitor visitor) {
    int[] lo = region.lo().clone();
    int[] hi = region.hi().clone();
    lo[axis] = from;
    hi[axis] = to;
    for (int x = lo[0]; x < hi[0]; x++) {
      for (int y = lo[1]; y < hi[1]; y++) {
        for (int z = lo[2]; z < hi[2]; z++) {
          visitor.visit(index(x, y, z), layout.index(x, y, z));
        }
      }
    }
  }

  /** Receives one band voxel. */
  interface VoxelVisitor {
    void visit(int slot, int voxel);
  }
}
