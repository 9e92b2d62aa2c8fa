package io.ctpipe.transforms.result;

/**
 * One slice's body part score (a slice_qa row).
 *
 * @param sliceIndex feet to head
 * @param volumeSlice the index in the series' own slice order
 * @param zMm sliceIndex times the slice spacing
 * @param score the cleaned score, null where bpreg drops the slice
 * @param rawScore the transformed network score before cleaning
 */
public record SliceScore(int sliceIndex, int volumeSlice, double zMm, Double score, double rawScore,
    boolean anomaly) {}
