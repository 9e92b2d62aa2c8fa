package io.ctpipe.models.tiling;

import java.util.Arrays;

/**
 * Sliding-window settings.
 *
 * @param roi window size per axis (model input order)
 * @param overlap overlap per axis, each in [0, 1)
 * @param mode blend weights
 * @param sigmaScale gaussian σ as a fraction of the ROI (MONAI default 0.125)
 * @param batch windows per network call
 * @param accumulation where weighted logits are summed
 * @param topK class sums kept per voxel by TOPK accumulation (1 to 7; ignored by the others)
 * @param recheck whether TOPK runs again the windows over the voxels its first pass could not prove, summing every
 *     class for those voxels only, so that every label equals FULL's (ignored by the others)
 * @param planeTile 0, or the side in voxels of the square tiles of the plane across the streaming axis that the
 *     streaming accumulations hold one at a time (memory independent of the plane size; a window that touches
 *     several tiles runs once per tile; labels unchanged)
 * @param skipBelow windows whose every image voxel is below this input value are not run (NaN: run all)
 * @param padValue input value outside the image
 * @param streamAxis axis along which STREAMING frees finished planes and windows are enumerated outermost; -1 picks the
 *     axis with the most windows (the first on a tie)
 */
public record TilingOptions(int[] roi, double[] overlap, BlendMode mode, double sigmaScale, int batch,
    Accumulation accumulation, int topK, boolean recheck, int planeTile, float skipBelow, float padValue,
    int streamAxis) {
  /**
   * TOPK's K unless set: the smallest K that kept every label's Dice ≥ 0.98 against FULL on ct-small-117
   * (99.996 % of voxels equal; docs/benchmarks.md).
   */
  public static final int DEFAULT_TOP_K = 3;
  /**
   * Overlap a card gets when it gives none: 0.5, not MONAI's 0.25: the step of nnU-Net's {@code tile_step_size} 0.5,
   * so that every voxel away from the border is blended from two windows per axis; it costs (1/0.5)³ / (1/0.75)³ ≈
   * 3.4 times MONAI's windows on a large volume. A card that gives its own overlap (an imported MONAIAuto3DSeg
   * model: 0.625) keeps it.
   */
  public static final double DEFAULT_OVERLAP = 0.5;
  /** Gaussian σ as a fraction of the ROI unless set: MONAI's {@code sigma_scale} 0.125. */
  public static final double DEFAULT_SIGMA_SCALE = 0.125;
  /** Windows per network call unless set: MONAI's {@code sw_batch_size} 1. */
  public static final int DEFAULT_BATCH = 1;

  public TilingOptions {
    if (roi.length != 3 || overlap.length != 3) {
      throw new IllegalArgumentException("ROI and overlap need three values each");
    }
    for (int a = 0; a < 3; a++) {
      if (roi[a] < 1) {
        throw new IllegalArgumentException("ROI " + Arrays.toString(roi) + " must be positive");
      }
      if (!(overlap[a] >= 0 && overlap[a] < 1)) {
        throw new IllegalArgumentException("overlap " + overlap[a] + " must be in [0, 1)");
      }
    }
    if (!(sigmaScale > 0 && Double.isFinite(sigmaScale))) {
      throw new IllegalArgumentException("gaussian sigma scale must be a positive fraction of the ROI, got "
          + sigmaScale);
    }
    if (!Float.isFinite(padValue)) {
      throw new IllegalArgumentException("pad value must be a finite number, got " + padValue);
    }
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be at least 1, got " + batch);
    }
    if (topK < 1 || topK > TopKAccumulator.MAX_K) {
      throw new IllegalArgumentException("top-k needs K in [1, " + TopKAccumulator.MAX_K + "], got " + topK);
    }
    if (planeTile < 0) {
      throw new IllegalArgumentException("plane tile must be 0 (whole plane) or a positive voxel count, got "
          + planeTile);
    }
    if (planeTile > 0 && accumulation == Accumulation.FULL) {
      throw new IllegalArgumentException("plane tiles bound the streaming accumulations; FULL holds the whole volume");
    }
    if (streamAxis < -1 || streamAxis > 2) {
      throw new IllegalArgumentException("stream axis must be -1, 0, 1 or 2");
    }
    roi = roi.clone();
    overlap = overlap.clone();
  }

  /**
   * The given ROI, overlap and blend with the default σ scale and batch, STREAMING, K = {@value #DEFAULT_TOP_K} with the
   * recheck, whole planes, no air skipping, padding 0.
   */
  public static TilingOptions of(int[] roi, double overlap, BlendMode mode) {
    return new TilingOptions(roi, new double[] {overlap, overlap, overlap}, mode, DEFAULT_SIGMA_SCALE,
        DEFAULT_BATCH, Accumulation.STREAMING, DEFAULT_TOP_K, true, 0, Float.NaN, 0f, -1);
  }

  public TilingOptions withOverlap(double value) {
    return new TilingOptions(roi, new double[] {value, value, value}, mode, sigmaScale, batch, accumulation, topK,
        recheck, planeTile, skipBelow, padValue, streamAxis);
  }

  public TilingOptions withMode(BlendMode value) {
    return new TilingOptions(roi, overlap, value, sigmaScale, batch, accumulation, topK, recheck, planeTile,
        skipBelow, padValue, streamAxis);
  }

  public TilingOptions withSigmaScale(double value) {
    return new TilingOptions(roi, overlap, mode, value, batch, accumulation, topK, recheck, planeTile, skipBelow,
        padValue, streamAxis);
  }

  public TilingOptions withBatch(int value) {
    return new TilingOptions(roi, overlap, mode, sigmaScale, value, accumulation, topK, recheck, planeTile,
        skipBelow, padValue, streamAxis);
  }

  public TilingOptions withAccumulation(Accumulation value) {
    return new TilingOptions(roi, overlap, mode, sigmaScale, batch, value, topK, recheck, planeTile, skipBelow,
        padValue, streamAxis);
  }

  public TilingOptions withTopK(int value) {
    return new TilingOptions(roi, overlap, mode, sigmaScale, batch, accumulation, value, recheck, planeTile,
        skipBelow, padValue, streamAxis);
  }

  public TilingOptions withRecheck(boolean value) {
    return new TilingOptions(roi, overlap, mode, sigmaScale, batch, accumulation, topK, value, planeTile, skipBelow,
        padValue, streamAxis);
  }

  public TilingOptions withPlaneTile(int value) {
    return new TilingOptions(roi, overlap, mode, sigmaScale, batch, accumulation, topK, recheck, value, skipBelow,
        padValue, streamAxis);
  }

  public TilingOptions withSkipBelow(float value) {
    return new TilingOptions(roi, overlap, mode, sigmaScale, batch, accumulation, topK, recheck, planeTile, value,
        padValue, streamAxis);
  }

  public TilingOptions withPadValue(float value) {
    return new TilingOptions(roi, overlap, mode, sigmaScale, batch, accumulation, topK, recheck, planeTile,
        skipBelow, value, streamAxis);
  }

  public TilingOptions withStreamAxis(int value) {
    return new TilingOptions(roi, overlap, mode, sigmaScale, batch, accumulation, topK, recheck, planeTile,
        skipBelow, padValue, value);
  }

  /** Every field, always in the same form: what identifies these settings in a result's identity. */
  public String canonical() {
    return "roi=" + Arrays.toString(roi) + " overlap=" + Arrays.toString(overlap) + " mode=" + mode + " sigma="
        + sigmaScale + " batch=" + batch + " accumulation=" + accumulation + " k=" + topK + " recheck=" + recheck
        + " planeTile=" + planeTile + " skipBelow=" + skipBelow + " pad=" + padValue + " streamAxis=" + streamAxis;
  }

  @Override
  public String toString() {
    return "roi=" + Arrays.toString(roi) + " overlap=" + Arrays.toString(overlap) + " mode=" + mode + " sigma="
        + sigmaScale + " batch=" + batch + " accumulation=" + accumulation
        + (accumulation == Accumulation.TOPK ? " k=" + topK + (recheck ? " recheck" : "") : "")
        + (planeTile > 0 ? " planeTile=" + planeTile : "") + " skipBelow=" + skipBelow;
  }
}
