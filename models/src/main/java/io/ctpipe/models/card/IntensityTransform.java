package io.ctpipe.models.card;

/** Maps HU to network input values; every transform here is monotonic non-decreasing in HU. */
public interface IntensityTransform {
  float apply(float hu);

  /** x = clamp(HU, min, max) · scale + shift. */
  record ClipScale(double min, double max, double scale, double shift) implements IntensityTransform {
    @Override
    public float apply(float hu) {
      return (float) (Math.max(min, Math.min(max, hu)) * scale + shift);
    }
  }

  /**
   * The Auto3DSeg "range" normalisation: [min, max] mapped linearly onto [-1, 1] without clipping, then optionally
   * the logistic sigmoid (as 3D Slicer's MONAIAuto3DSeg script does).
   */
  record Range(double min, double max, boolean sigmoid) implements IntensityTransform {
    @Override
    public float apply(float hu) {
      double x = 2 * (hu - min) / (max - min) - 1;
      return (float) (sigmoid ? 1 / (1 + Math.exp(-x)) : x);
    }
  }

  /** x = (HU − mean) / std. */
  record MeanStd(double mean, double std) implements IntensityTransform {
    @Override
    public float apply(float hu) {
      return (float) ((hu - mean) / std);
    }
  }
}
