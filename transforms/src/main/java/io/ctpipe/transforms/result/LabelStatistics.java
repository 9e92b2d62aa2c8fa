package io.ctpipe.transforms.result;

/** One label a model found on a series (a segment_stats row): its size, HU statistics and bounding box. */
public record LabelStatistics(int value, String label, long voxels, double volumeMl, double meanHu, double stdHu,
    VoxelBox box) {}
