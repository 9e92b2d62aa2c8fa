package io.ctpipe.models.segment;

import io.ctpipe.models.card.ModelCard;
import io.ctpipe.models.preprocess.Preprocessor;
import io.ctpipe.models.tiling.Accumulation;
import io.ctpipe.models.tiling.TiledInference;
import io.ctpipe.models.tiling.TilingOptions;

/**
 * The most one segmentation of a CT holds on the Java heap, from the CT's shape alone (before any pixel is decoded):
 * model input on the uncropped model grid, the accumulation its settings choose (for TOPK with its recheck at least
 * {@link TiledInference#RECHECK_FLOOR_BYTES}, what a recheck round may hold after the band is freed), labels on the
 * model grid and on the CT grid, and one batch of windows in and out. The engines' own buffers are allocated once per
 * network, not per series, and are not counted.
 */
public record SegmentationMemory(long inputBytes, long accumulationBytes, long labelBytes, long windowBytes) {

  public long totalBytes() {
    return inputBytes + accumulationBytes + labelBytes + windowBytes;
  }

  /**
   * @param dims CT columns, rows, slices
   * @param spacing CT spacing in mm
   * @param direction CT row, column and slice direction cosines
   */
  public static SegmentationMemory estimate(ModelCard card, TilingOptions options, int[] dims, double[] spacing,
      double[] direction) {
    int[] grid = Preprocessor.largestGridSize(dims, spacing, direction, card);
    int[] roi = options.roi();
    long[] padded = new long[3];
    for (int a = 0; a < 3; a++) {
      padded[a] = Math.max(grid[a], roi[a]);
    }
    long modelVoxels = padded[0] * padded[1] * padded[2];
    long ctVoxels = (long) dims[0] * dims[1] * dims[2];
    long perVoxel = options.accumulation().bytesPerVoxel(card.outChannels(), options.topK());
    long accumulated;
    if (options.accumulation() == Accumulation.FULL) {
      accumulated = modelVoxels;
    } else {
      accumulated = 0;
      for (int axis = 0; axis < 3; axis++) {
        if (options.streamAxis() >= 0 && options.streamAxis() != axis) {
          continue;
        }
        long band = Math.min(roi[axis], padded[axis]);
        for (int b = 0; b < 3; b++) {
          if (b != axis) {
            band *= options.planeTile() > 0 ? Math.min(options.planeTile(), padded[b]) : padded[b];
          }
        }
        accumulated = Math.max(accumulated, band);
      }
    }
    long roiVoxels = (long) roi[0] * roi[1] * roi[2];
    long accumulation = accumulated * perVoxel;
    if (options.accumulation() == Accumulation.TOPK && options.recheck()) {
      accumulation = Math.max(accumulation, TiledInference.RECHECK_FLOOR_BYTES);
    }
    return new SegmentationMemory(4 * modelVoxels, accumulation, 2 * modelVoxels + 2 * ctVoxels,
        4 * roiVoxels * (options.batch() * (1L + card.outChannels()) + 1));
  }
}
