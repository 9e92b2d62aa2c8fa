package io.ctpipe.models.bpr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Post-processing on synthetic score curves whose answers are known. */
class ScoreCurveTest {
  /** Raw scores equal transformed ones (min 0, max 100), bpreg's default constants and the public table. */
  static final BprSettings SETTINGS = new BprSettings(0, 100, 0.118, -0.037, 0.25, 0.28, 10,
      BprSettings.BPREG_BACKGROUND_SCORES, BpregLookupTable.load());

  /** Scores along a line from {@code first} changing by {@code perMm}·dz per slice. */
  static float[] line(int n, double dz, double first, double perMm) {
    float[] raw = new float[n];
    for (int i = 0; i < n; i++) {
      raw[i] = (float) (first + perMm * i * dz);
    }
    return raw;
  }

  @Test
  void linearAscendingScanIsValidAndInOrder() {
    ScoreCurve c = ScoreCurve.of(line(120, 5, 5, 0.118), 5, SETTINGS);
    assertEquals(1.0, c.validZSpacing());
    assertFalse(c.reversed());
    // smoothing with mirrored ends flattens the first and last few slices, so the fitted slope is a little low
    assertEquals(0.118, c.fit().slope(), 1e-3);
    assertEquals(1.0, c.slopeRatio(), 0.01);
    assertEquals(5.0, c.expectedZSpacing(), 0.05);
    assertEquals(120, c.z().length);
    assertEquals(595.0, c.z()[119]);
    assertEquals(0, SliceAnomalies.find(c).slices().size());
  }

  @Test
  void reversedScanIsFlaggedButStillValid() {
    ScoreCurve c = ScoreCurve.of(line(100, 5, 80, -0.118), 5, SETTINGS);
    assertTrue(c.reversed());
    assertEquals(1.0, c.validZSpacing());
    assertEquals(-5.0, c.expectedZSpacing(), 0.05);
  }

  @Test
  void stretchedScoresMeanTheHeaderSpacingIsWrong() {
    ScoreCurve c = ScoreCurve.of(line(60, 5, 20, 0.236), 5, SETTINGS);
    assertEquals(0.0, c.validZSpacing());
    assertEquals(2.0, c.slopeRatio(), 0.02);
    assertEquals(10.0, c.expectedZSpacing(), 0.1);
    assertEquals(BodyPartTag.NONE, BodyPartTag.estimate(c.cleaned(), 5, c.validZSpacing(), SETTINGS));
  }

  @Test
  void noisyScanFindsItsOutlierSlices() {
    Random random = new Random(3);
    float[] raw = line(150, 3, 10, 0.118);
    for (int i = 0; i < raw.length; i++) {
      raw[i] += (float) (random.nextGaussian() * 0.8);
    }
    raw[40] += 25;
    raw[97] -= 18;
    ScoreCurve c = ScoreCurve.of(raw, 3, SETTINGS);
    assertEquals(1.0, c.validZSpacing());
    SliceAnomalies a = SliceAnomalies.find(c);
    assertEquals(List.of(40, 97), a.slices().stream().map(SliceAnomalies.Anomaly::index).toList());
    assertEquals(120.0, a.slices().get(0).z());
    assertTrue(a.slices().get(0).residual() > 20 && a.slices().get(1).residual() < -15);
    assertTrue(a.threshold() >= SliceAnomalies.MIN_THRESHOLD && a.mad() < 1.0, "MAD " + a.mad());
  }

  @Test
  void chestOnlyScanIsTaggedChest() {
    ScoreCurve c = ScoreCurve.of(line(53, 5, 50, 0.118), 5, SETTINGS);
    String tag = BodyPartTag.estimate(c.cleaned(), 5, c.validZSpacing(), SETTINGS);
    assertEquals("CHEST", tag);
    Map<String, List<Integer>> parts = BodyPartExamined.slices(c.cleaned(), SETTINGS);
    assertEquals(List.of("legs", "pelvis", "abdomen", "chest", "shoulder-neck", "head"), List.copyOf(parts.keySet()));
    assertTrue(parts.get("legs").isEmpty() && parts.get("pelvis").isEmpty());
    assertEquals(0, parts.get("abdomen").get(0));
    assertTrue(parts.get("chest").size() > 40);
  }

  @Test
  void pelvisOnlyScanIsTaggedPelvisWithLegsBelowIt() {
    ScoreCurve c = ScoreCurve.of(line(70, 5, -8, 0.118), 5, SETTINGS);
    assertEquals("PELVIS", BodyPartTag.estimate(c.cleaned(), 5, c.validZSpacing(), SETTINGS));
    Map<String, List<Integer>> parts = BodyPartExamined.slices(c.cleaned(), SETTINGS);
    int lastLeg = parts.get("legs").get(parts.get("legs").size() - 1);
    assertEquals(parts.get("pelvis").get(0), lastLeg + 1);
    assertTrue(c.cleaned()[lastLeg] < 0 && c.cleaned()[lastLeg + 1] >= 0);
  }

  @Test
  void wholeBodyScanSpansEveryPartWithGapsFilled() {
    ScoreCurve c = ScoreCurve.of(line(190, 5, -3, 0.118), 5, SETTINGS);
    assertEquals("HEAD-NECK-CHEST-ABDOMEN-PELVIS", BodyPartTag.estimate(c.cleaned(), 5, 1, SETTINGS));
    assertEquals("HEAD-NECK-CHEST-ABDOMEN-PELVIS", BodyPartTag.byLandmarks(new double[] {-1, 108}, SETTINGS));
    assertEquals("NECK-CHEST", BodyPartTag.byLandmarks(new double[] {50, 87}, SETTINGS));
    assertEquals("NECK", BodyPartTag.byLandmarks(new double[] {60, 87}, SETTINGS));
  }

  @Test
  void shortScanIsTaggedBySliceVote() {
    ScoreCurve c = ScoreCurve.of(line(16, 5, 55, 0.118), 5, SETTINGS);
    assertTrue(16 * 5 < BodyPartRules.MIN_VOLUME_RANGE_MM);
    assertEquals("CHEST", BodyPartTag.estimate(c.cleaned(), 5, c.validZSpacing(), SETTINGS));
    assertEquals(BodyPartTag.NONE, BodyPartTag.bySliceVote(new double[] {Double.NaN, 120}, SETTINGS));
    assertEquals("ABDOMEN", BodyPartTag.bySliceVote(new double[] {40, 60, 41}, SETTINGS));
    assertEquals("ABDOMEN", BodyPartTag.bySliceVote(new double[] {40, 60}, SETTINGS), "tie: first voted");
  }

  @Test
  void emptySlicesAreDroppedBeforeSmoothing() {
    float[] raw = line(80, 5, 10, 0.118);
    raw[0] = 110.83f;
    raw[1] = 110.8299f;
    raw[79] = 6.22f;
    ScoreCurve c = ScoreCurve.of(raw, 5, SETTINGS);
    assertTrue(Double.isNaN(c.cleaned()[0]) && Double.isNaN(c.cleaned()[1]) && Double.isNaN(c.cleaned()[79]));
    assertEquals(110.83, c.unprocessed()[0], 1e-4);
    assertEquals(1.0, c.validZSpacing());
    assertEquals(0.118, c.fit().slope(), 1e-3);
    assertEquals(10 + 0.118 * 5 * 40, c.cleaned()[40], 1e-3);
  }

  @Test
  void implausibleTailBelowThePelvisIsCropped() {
    float[] raw = line(90, 5, -10, 0.118);
    for (int i = 0; i < 6; i++) {
      raw[i] = 35;
    }
    ScoreCurve c = ScoreCurve.of(raw, 5, SETTINGS);
    for (int i = 0; i < 5; i++) {
      assertTrue(Double.isNaN(c.cleaned()[i]), "slice " + i + " cropped");
    }
    for (int i = 17; i < 90; i++) {
      assertFalse(Double.isNaN(c.cleaned()[i]), "slice " + i + " kept");
    }
    assertEquals(1.0, c.validZSpacing());
  }

  @Test
  void singleSliceHasNoSlopeAndNoVerdict() {
    ScoreCurve c = ScoreCurve.of(new float[] {40}, 5, SETTINGS);
    assertTrue(Double.isNaN(c.fit().slope()));
    assertTrue(Double.isNaN(c.validZSpacing()));
    assertFalse(c.reversed());
    assertEquals("ABDOMEN", BodyPartTag.estimate(c.cleaned(), 5, c.validZSpacing(), SETTINGS));
  }
}
