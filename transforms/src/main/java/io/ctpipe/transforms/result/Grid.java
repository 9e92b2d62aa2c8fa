package io.ctpipe.transforms.result;

/** A CT's voxel grid: columns × rows × slices, and the spacing along each in millimetres. */
public record Grid(int columns, int rows, int slices, double spacingXMm, double spacingYMm, double spacingZMm) {}
