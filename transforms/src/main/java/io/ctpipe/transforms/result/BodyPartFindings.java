package io.ctpipe.transforms.result;

/**
 * What body part regression concluded about a series; each value is null where it could not be judged.
 *
 * @param tag the Body Part Examined value the scores support
 * @param agreement how the DICOM Body Part Examined compares with it
 * @param validZSpacing whether the slice spacing is plausible for the scores' slope
 * @param estimatedZSpacingMm the spacing the scores' slope implies
 */
public record BodyPartFindings(String tag, String agreement, Boolean mismatch, Boolean reversedSliceOrder,
    Boolean validZSpacing, Double estimatedZSpacingMm, Double slopeRatio, Integer anomalousSlices) {}
