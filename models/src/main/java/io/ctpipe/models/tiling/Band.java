package io.ctpipe.models.tiling;

/**
 * The ring of R planes along the streaming axis that a streaming accumulator holds, restricted to its region of the
 * plane: plane p of the volume lives in slot p mod R.
 */
final class Band {
  final VoxelLayout layout;
  final Region region;
  final int axis;
  private final int other1;
  private final int other2;
  private final int slots;
  private final int width2;
  final int planeSize;

  Band(VoxelLayout layout, int axis, Region region) {
    this.layout = layout;
    this.region = region;
    this.axis = axis;
    this.other1 = axis == 0 ? 1 : 0;
    this.other2 = axis == 2 ? 1 : 2;
    this.slots = Math.min(layout.roi[axis], layout.size[axis]);
    this.width2 = region.extent(other2);
    this.planeSize = region.extent(other1) * width2;
  }

  /** Band voxels: R planes of the region. */
  int voxels() {
    return slots * planeSize;
  }

  int index(int x, int y, int z) {
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
    return (along % slots) * planeSize + (first - region.lo()[other1]) * width2 + (second - region.lo()[other2]);
  }

  /** Where plane {@code p} starts in the band. */
  int planeBase(int p) {
    return (p % slots) * planeSize;
  }

  /** Visits every voxel of plane {@code p} in the region: its band index and its index in the volume. */
  void forEachInPlane(int p, VoxelVisitor visitor) {
    int base = planeBase(p);
    int[] c = new int[3];
    c[axis] = p;
    for (int i = region.lo()[other1]; i < region.hi()[other1]; i++) {
      c[other1] = i;
      for (int j = region.lo()[other2]; j < region.hi()[other2]; j++) {
        c[other2] = j;
        int slot = base + (i - region.lo()[other1]) * width2 + (j - region.lo()[other2]);
        visitor.visit(slot, layout.index(c[0], c[1], c[2]));
      }
    }
  }

  /** Receives one band voxel. */
  interface VoxelVisitor {
    void visit(int slot, int voxel);
  }
}
