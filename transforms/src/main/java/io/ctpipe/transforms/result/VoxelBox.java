package io.ctpipe.transforms.result;

/** A bounding box in voxel indices of the CT grid, both corners included. */
public record VoxelBox(int minX, int minY, int minZ, int maxX, int maxY, int maxZ) {}
