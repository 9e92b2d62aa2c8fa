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
 * @param skipBelow windows whose every image voxel is below this input value are not run (NaN: run all)
 * @param padValue input value outside the image
 * @param streamAxis axis along which STREAMING frees finished planes and windows are enumerated outermost; -1 picks the
 *     axis with the most windows (the first on a tie)
 */
public record TilingOptions(int[] roi, double[] overlap, BlendMode mode, double sigmaScale, int batch,
    Accumulation accumulation, float skipBelow, float padValue, int streamAxis) {

  public TilingOptions {
    if (roi.length != 3 || overlap.length != 3) {
      throw new IllegalArgumentException("ROI and overlap need three values each");
    }
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be at least 1, got " + batch);
    }
    if (streamAxis < -1 || streamAxis > 2) {
      throw new IllegalArgumentException("stream axis must be -1, 0, 1 or 2");
    }
    roi = roi.clone();
    overlap = overlap.clone();
  }

  /** The given ROI, overlap and blend with σ scale 0.125, batch 1, STREAMING, no air skipping, padding 0. */
  public static TilingOptions of(int[] roi, double overlap, BlendMode mode) {
    return new TilingOptions(roi, new double[] {overlap, overlap, overlap}, mode, 0.125, 1,
        Accumulation.STREAMING, Float.NaN, 0f, -1);
  }

  public TilingOptions withBatch(int value) {
    return new TilingOptions(roi, overlap, mode, sigmaScale, value, accumulation, skipBelow, padValue, streamAxis);
  }

  public TilingOptions withAccumulation(Accumulation value) {
    return new TilingOptions(roi, overlap, mode, sigmaScale, batch, value, skipBelow, padValue, streamAxis);
  }

  public TilingOptions withSkipBelow(float value) {
    return new TilingOptions(roi, overlap, mode, sigmaScale, batch, accumulation, value, padValue, streamAxis);
  }

  public TilingOptions withPadValue(float value) {
    return new TilingOptions(roi, overlap, mode, sigmaScale, batch, accumulation, skipBelow, value, streamAxis);
  }

  public TilingOptions withStreamAxis(int value) {
    return new TilingOptions(roi, overlap, mode, sigmaScale, batch, accumulation, skipBelow, padValue, value);
  }

  @Override
  public String toString() {
    return "roi=" + Arrays.toString(roi) + " overlap=" + Arrays.toString(overlap) + " mode=" + mode + " sigma="
        + sigmaScale + " batch=" + batch + " accumulation=" + accumulation + " skipBelow=" + skipBelow;
  }
}
