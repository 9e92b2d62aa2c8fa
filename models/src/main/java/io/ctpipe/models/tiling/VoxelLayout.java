package io.ctpipe.models.tiling;

/** Index arithmetic for a volume in model order (axis 0 slowest, axis 2 fastest) and its windows. */
final class VoxelLayout {
  final int[] size;
  final int[] roi;

  VoxelLayout(int[] size, int[] roi) {
    this.size = size.clone();
    this.roi = roi.clone();
  }

  int voxels() {
    return size[0] * size[1] * size[2];
  }

  int windowVoxels() {
    return roi[0] * roi[1] * roi[2];
  }

  int index(int x, int y, int z) {
    return (x * size[1] + y) * size[2] + z;
  }

  int windowIndex(WindowBox box, int x, int y, int z) {
    return ((x - box.start()[0]) * roi[1] + (y - box.start()[1])) * roi[2] + (z - box.start()[2]);
  }
}
