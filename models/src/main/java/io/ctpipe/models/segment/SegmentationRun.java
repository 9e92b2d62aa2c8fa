package io.ctpipe.models.segment;

import io.ctpipe.dicom.volume.LabelMap;
import io.ctpipe.models.tiling.TiledInference;
import java.util.Map;

/**
 * The outcome of segmenting one CT: labels on the CT grid, window statistics, stage timings and label volumes.
 *
 * @param modelGrid model input size (voxels per model axis)
 * @param labelVoxels voxels per label value present (background excluded)
 * @param labelMillilitres the same as volumes in ml
 */
public record SegmentationRun(LabelMap labels, int[] modelGrid, TiledInference.Stats tiling, long preprocessMillis,
    long inferenceMillis, long blendMillis, long invertMillis, Map<Integer, Long> labelVoxels,
    Map<Integer, Double> labelMillilitres) {}
