package io.ctpipe.models.bpr;

import java.util.Map;

/**
 * The constants of body-part-regression score processing (bpreg's inference settings): the raw-score transform,
 * the expected slope, the tail-cropping bounds, the background scores and the transformed landmark look-up table.
 *
 * @param transformMin raw score of the start landmark (maps to 0)
 * @param transformMax raw score of the end landmark (maps to 100)
 * @param slopeMean expected score change per mm
 * @param tangentialSlopeMin lower bound of plausible per-slice slopes (score/mm)
 * @param tangentialSlopeMax upper bound of plausible per-slice slopes (score/mm)
 * @param rSlopeThreshold largest accepted |1 − observed/expected slope|
 * @param smoothingSigmaMm Gaussian smoothing of the score curve, mm
 * @param backgroundScores raw scores (to 2 decimals) the network gives empty slices
 * @param lookupTable transformed landmark scores, in the table's order
 */
public record BprSettings(double transformMin, double transformMax, double slopeMean, double tangentialSlopeMin,
    double tangentialSlopeMax, double rSlopeThreshold, double smoothingSigmaMm, double[] backgroundScores,
    Map<String, BprLandmark> lookupTable) {

  /** bpreg's background scores of the public model. */
  public static final double[] BPREG_BACKGROUND_SCORES = {110.83, 6.14, 108.92, 6.22};

  /** Every constant, always in the same form: what identifies these settings in a result's identity. */
  public String canonical() {
    return "transform=" + transformMin + ".." + transformMax + " slope=" + slopeMean + " tangential="
        + tangentialSlopeMin + ".." + tangentialSlopeMax + " rSlope=" + rSlopeThreshold + " smoothing="
        + smoothingSigmaMm + " background=" + java.util.Arrays.toString(backgroundScores) + " landmarks="
        + new java.util.TreeMap<>(lookupTable);
  }

  /** The transform T(v) = (v − min)·100 / (max − min). */
  public double transform(double raw) {
    return (raw - transformMin) * 100 / (transformMax - transformMin);
  }

  /** The transformed mean score of a landmark the table must hold. */
  public double landmark(String name) {
    BprLandmark l = lookupTable.get(name);
    if (l == null) {
      throw new IllegalArgumentException("look-up table has no landmark '" + name + "'");
    }
    return l.mean();
  }
}
