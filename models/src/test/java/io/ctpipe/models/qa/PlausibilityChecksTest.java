package io.ctpipe.models.qa;

import static io.ctpipe.models.qa.Phantoms.Box;
import static io.ctpipe.models.qa.Phantoms.outcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.dicom.labelmap.NiftiCtVolume;
import io.ctpipe.dicom.volume.LabelMap;
import io.ctpipe.models.qa.CheckOutcome.Status;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Each flag on a case that must raise it and on one just on the other side of its threshold. */
class PlausibilityChecksTest {
  private static final Map<Integer, String> NAMES = Map.of(1, "kidney_left", 2, "kidney_right", 3, "liver",
      4, "aorta", 5, "spinal_cord", 6, "lung_upper_lobe_left", 7, "lung_lower_lobe_right", 8, "urinary_bladder",
      9, "vertebrae_L1", 10, "vertebrae_L2");
  private static final Map<Integer, String> STOMACH = Map.of(11, "stomach");

  /** 64 × 64 × 32 voxels of 2 mm, head first supine: voxel centres at odd mm from −63 to 63 (z: −31 to 31). */
  private static NiftiCtVolume body() {
    NiftiCtVolume grid = Phantoms.grid(new int[] {64, 64, 32}, new double[] {2, 2, 2}, Phantoms.HEAD_FIRST_SUPINE);
    return Phantoms.withBody(grid, Box.of(0, -61, 61, -61, 61, -31, 31));
  }

  private static QaReport judge(NiftiCtVolume ct, Box... boxes) {
    return Phantoms.judge(ct, Phantoms.paint(ct, boxes), NAMES);
  }

  private static Box kidneyLeftAt(double centreX) {
    return Box.of(1, centreX - 4, centreX + 4, -21, -11, -11, 11);
  }

  @ParameterizedTest
  @CsvSource({"20, PASSED", "-9, PASSED", "-11, RAISED"})
  void leftKidneyMoreThanTenMillimetresRightOfTheBodyMidlineIsRaised(double centreX, Status expected) {
    CheckOutcome o = outcome(judge(body(), kidneyLeftAt(centreX)), "kidney_left", FlagKind.LATERALITY);
    assertEquals(expected, o.status());
    assertEquals(0.0, o.numbers().get("midlineLeftMm"));
    assertEquals("CT body (HU > -500)", o.numbers().get("midlineSource"));
    assertEquals(-centreX, o.numbers().get("pastMidlineMm"));
  }

  @Test
  void midlineStructuresOutrankTheBody() {
    QaReport onBody = judge(body(), kidneyLeftAt(9));
    assertEquals(Status.PASSED, outcome(onBody, "kidney_left", FlagKind.LATERALITY).status());
    QaReport onCord = judge(body(), kidneyLeftAt(9), Box.of(5, 19, 23, 21, 25, -31, 31));
    CheckOutcome o = outcome(onCord, "kidney_left", FlagKind.LATERALITY);
    assertEquals(Status.RAISED, o.status());
    assertEquals("midline structures", o.numbers().get("midlineSource"));
    assertEquals(12.0, o.numbers().get("pastMidlineMm"));
    assertEquals("centroid 12.0 mm on the right side of the midline", o.detail());
  }

  @ParameterizedTest
  @CsvSource({"1, -1, PASSED", "-3, -1, RAISED"})
  void swappedPairIsRaisedEvenNearTheMidline(double leftX, double rightX, Status expected) {
    QaReport r = judge(body(), Box.of(1, leftX - 2, leftX + 2, -21, -11, -11, 11),
        Box.of(2, rightX - 2, rightX + 2, 11, 21, -11, 11));
    for (String name : new String[] {"kidney_left", "kidney_right"}) {
      CheckOutcome o = outcome(r, name, FlagKind.LATERALITY);
      assertEquals(expected, o.status(), name);
      assertEquals(Math.abs(leftX - rightX), Math.abs((Double) o.numbers().get("separationMm")));
    }
    if (expected == Status.RAISED) {
      assertEquals("lies 2.0 mm on the wrong side of kidney_right (pair swapped)",
          outcome(r, "kidney_left", FlagKind.LATERALITY).detail());
    }
  }

  @Test
  void lateralityWithoutMidlineOrPartnerIsNotChecked() {
    NiftiCtVolume air = Phantoms.grid(new int[] {64, 64, 32}, new double[] {2, 2, 2}, Phantoms.HEAD_FIRST_SUPINE);
    CheckOutcome o = outcome(judge(air, kidneyLeftAt(20)), "kidney_left", FlagKind.LATERALITY);
    assertEquals(Status.NOT_CHECKED, o.status());
    assertTrue(o.detail().startsWith("no midline"), o.detail());
  }

  private static final Box LIVER = Box.of(3, -19, -1, -19, -1, -19, -1); // 10 × 10 × 10 voxels

  @ParameterizedTest
  @CsvSource({"29, PASSED", "31, RAISED"}) // an extra piece of 50 voxels (4.8 %) or 60 (5.7 %)
  void organWithASecondPieceOfFivePercentIsFragmented(double pieceMaxY, Status expected) {
    QaReport r = judge(body(), LIVER, Box.of(3, 21, 29, 21, pieceMaxY, 21, 23));
    CheckOutcome o = outcome(r, "liver", FlagKind.FRAGMENTED);
    assertEquals(expected, o.status());
    assertEquals(2, o.numbers().get("components"));
    assertEquals(expected == Status.RAISED ? 2L : 1L, o.numbers().get("significantComponents"));
  }

  @Test
  void pieceCutByTheScanEndIsAllowed() {
    QaReport r = judge(body(), LIVER, Box.of(3, 21, 29, 21, 31, 29, 31));
    assertEquals(Status.PASSED, outcome(r, "liver", FlagKind.FRAGMENTED).status());
    assertEquals(2, outcome(r, "liver", FlagKind.FRAGMENTED).numbers().get("allowedSignificant"));
  }

  @ParameterizedTest
  @CsvSource({"33, PASSED", "37, RAISED"}) // three specks of 35 voxels (largest 90.5 %) or 45 (88.1 %)
  void organWhoseLargestPieceHoldsLessThanNinetyPercentIsFragmented(double speckMaxY, Status expected) {
    QaReport r = judge(body(), LIVER, Box.of(3, 21, 29, 21, speckMaxY, -21, -21),
        Box.of(3, 21, 29, 21, speckMaxY, -11, -11), Box.of(3, 21, 29, 21, speckMaxY, 1, 1));
    CheckOutcome o = outcome(r, "liver", FlagKind.FRAGMENTED);
    assertEquals(expected, o.status(), o.numbers().toString());
    assertEquals(1L, o.numbers().get("significantComponents"));
  }

  @ParameterizedTest
  @CsvSource({"2, PASSED", "3, RAISED"})
  void vesselMayHaveTwoPiecesNotThree(int pieces, Status expected) {
    Box[] boxes = new Box[pieces];
    for (int i = 0; i < pieces; i++) {
      boxes[i] = Box.of(4, -41 + 30 * i, -31 + 30 * i, -5, 5, -21, 21);
    }
    assertEquals(expected, outcome(judge(body(), boxes), "aorta", FlagKind.FRAGMENTED).status());
  }

  @ParameterizedTest
  @CsvSource({"29, PASSED, ", "31, RAISED, WARNING"})
  void organInTheLastSlideIsTruncated(double top, Status expected, Severity severity) {
    CheckOutcome o = outcome(judge(body(), Box.of(3, -19, -1, -19, -1, -19, top)), "liver", FlagKind.TRUNCATED);
    assertEquals(expected, o.status());
    assertEquals(severity, o.severity());
    assertEquals(expected == Status.RAISED, o.numbers().get("touchesSuperiorEnd"));
    assertEquals(false, o.numbers().get("touchesInferiorEnd"));
  }

  @Test
  void vesselCutByTheScanIsInformation() {
    CheckOutcome o = outcome(judge(body(), Box.of(4, -5, 5, -5, 5, -31, 31)), "aorta", FlagKind.TRUNCATED);
    assertEquals(Severity.INFO, o.severity());
    assertEquals("cut by the scan's superior and inferior ends", o.detail());
  }

  /** 1 ml voxels; a blob of n voxels filled slice by slice from slice {@code firstSlice}. */
  private static QaReport volume(int n, int firstSlice, Map<Integer, String> names, int label) {
    NiftiCtVolume ct = Phantoms.grid(new int[] {40, 40, 20}, new double[] {10, 10, 10}, Phantoms.HEAD_FIRST_SUPINE);
    LabelMap map = LabelMap.empty(ct.dims());
    int painted = 0;
    for (int z = firstSlice; painted < n; z++) {
      for (int y = 2; y < 38 && painted < n; y++) {
        for (int x = 2; x < 38 && painted < n; x++, painted++) {
          map.set(x + 40 * (y + 40 * z), label);
        }
      }
    }
    return Phantoms.judge(ct, map, names);
  }

  @ParameterizedTest
  @CsvSource({"559, 2, RAISED, true", "561, 2, PASSED, true", "4499, 2, PASSED, true", "4501, 2, RAISED, true",
      "559, 0, PASSED, false", "4501, 0, RAISED, false"})
  void liverVolumeOutsideFiveHundredSixtyToFourThousandFiveHundredMillilitresIsRaised(int ml, int firstSlice,
      Status expected, boolean lowerChecked) {
    CheckOutcome o = outcome(volume(ml, firstSlice, NAMES, 3), "liver", FlagKind.VOLUME);
    assertEquals(expected, o.status());
    assertEquals((double) ml, o.numbers().get("volumeMl"));
    assertEquals(560.0, o.numbers().get("minMl"));
    assertEquals(4500.0, o.numbers().get("maxMl"));
    assertEquals(lowerChecked, o.numbers().get("lowerBoundChecked"));
  }

  @Test
  void structureWithoutReferenceVolumeIsNotChecked() {
    CheckOutcome o = outcome(volume(300, 2, STOMACH, 11), "stomach", FlagKind.VOLUME);
    assertEquals(Status.NOT_CHECKED, o.status());
    assertEquals("no reference volume for stomach", o.detail());
  }

  @ParameterizedTest
  @CsvSource({"7, PASSED", "5, RAISED", "3, RAISED"}) // lung centroid 2 mm above the liver's, level, 2 mm below
  void lungsMustLieAboveTheLiver(double lungTop, Status expected) {
    QaReport r = judge(body(), Box.of(6, 11, 41, -11, 11, lungTop - 8, lungTop),
        Box.of(7, -41, -11, -11, 11, lungTop - 8, lungTop), Box.of(3, -41, -11, 21, 41, -3, 5));
    for (String name : new String[] {"liver", "lung_upper_lobe_left", "lung_lower_lobe_right"}) {
      assertEquals(expected, outcome(r, name, FlagKind.ORDER).status(), name);
    }
    assertEquals(lungTop - 4 - 1, outcome(r, "liver", FlagKind.ORDER).numbers().get("gapMm"));
  }

  @ParameterizedTest
  @CsvSource({"-21, PASSED", "11, RAISED"})
  void bladderMustLieBelowTheLiver(double bladderZ, Status expected) {
    QaReport r = judge(body(), Box.of(3, -41, -11, 21, 41, -3, 5), Box.of(8, -5, 5, -5, 5, bladderZ - 4,
        bladderZ + 4));
    assertEquals(expected, outcome(r, "urinary_bladder", FlagKind.ORDER).status());
  }

  @ParameterizedTest
  @CsvSource({"11, -11, PASSED", "-11, 11, RAISED"})
  void vertebraeMustBeInOrder(double l1Z, double l2Z, Status expected) {
    QaReport r = judge(body(), Box.of(9, -5, 5, 21, 31, l1Z - 4, l1Z + 4), Box.of(10, -5, 5, 21, 31, l2Z - 4,
        l2Z + 4));
    assertEquals(expected, outcome(r, "vertebrae_L1", FlagKind.ORDER).status());
    assertEquals(expected, outcome(r, "vertebrae_L2", FlagKind.ORDER).status());
  }

  @Test
  void seriesFlagsListTheMostSevereFirst() {
    QaReport r = judge(body(), kidneyLeftAt(-21), Box.of(3, -19, -1, -19, -1, -19, 31));
    assertEquals(Severity.ERROR, r.worstSeverity().orElseThrow());
    assertEquals("kidney_left", r.flags().get(0).structure());
    assertEquals(FlagKind.LATERALITY, r.flags().get(0).outcome().kind());
  }

  @Test
  void labelValueWithoutNameIsRefused() {
    NiftiCtVolume ct = body();
    LabelMap map = Phantoms.paint(ct, Box.of(42, -5, 5, -5, 5, -5, 5));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Phantoms.judge(ct, map, NAMES));
    assertEquals("label value 42 occurs in the label map (216 voxels) but no segment description names it",
        e.getMessage());
  }
}
