package io.ctpipe.models.qa;

import static io.ctpipe.models.qa.Phantoms.Box;
import static io.ctpipe.models.qa.Phantoms.outcome;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ctpipe.dicom.labelmap.LabelMapFiles;
import io.ctpipe.dicom.labelmap.NiftiCtVolume;
import io.ctpipe.dicom.labelmap.NiftiReader;
import io.ctpipe.dicom.labelmap.NiftiWriter;
import io.ctpipe.dicom.volume.LabelMap;
import io.ctpipe.models.qa.CheckOutcome.Status;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The same anatomy (placed in patient LPS mm) on grids of every patient orientation and in NIfTI files stored in
 * LPS and RAS voxel order: laterality is judged in patient coordinates, so a correct segmentation passes and a
 * mirrored one is raised whatever the grid.
 */
class LateralityOrientationTest {
  private static final Map<Integer, String> NAMES = Map.of(1, "kidney_left", 2, "kidney_right", 3, "spinal_cord",
      4, "liver");
  private static final int[] DIMS = {40, 40, 40};
  private static final double[] SPACING = {4, 4, 4};

  @TempDir
  Path dir;

  /** Kidneys 30 mm either side of a spinal cord on the midline; a mirrored copy swaps the kidneys' sides. */
  private static Box[] anatomy(boolean mirrored) {
    double sign = mirrored ? -1 : 1;
    return new Box[] {Box.of(1, sign * 30 - 9, sign * 30 + 9, 9, 29, -21, 21),
        Box.of(2, -sign * 30 - 9, -sign * 30 + 9, 9, 29, -21, 21), Box.of(3, -5, 5, 33, 41, -77, 77),
        Box.of(4, -sign * 61, -sign * 21, -29, 9, 25, 61)};
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {
      "head first supine; 1,0,0, 0,1,0, 0,0,1",
      "feet first supine; -1,0,0, 0,1,0, 0,0,-1",
      "head first prone; -1,0,0, 0,-1,0, 0,0,1",
      "feet first prone; 1,0,0, 0,-1,0, 0,0,-1",
      "sagittal; 0,1,0, 0,0,-1, -1,0,0",
      "coronal; 1,0,0, 0,0,-1, 0,1,0"})
  void judgedInPatientCoordinatesForEveryOrientation(String orientation, String axes) {
    double[] direction = java.util.Arrays.stream(axes.split(",")).mapToDouble(s -> Double.parseDouble(s.trim()))
        .toArray();
    NiftiCtVolume ct = Phantoms.withBody(Phantoms.grid(DIMS, SPACING, direction), Box.of(0, -69, 69, -49, 49, -79,
        79));
    assertSides(Phantoms.judge(ct, Phantoms.paint(ct, anatomy(false)), NAMES), Status.PASSED);
    assertSides(Phantoms.judge(ct, Phantoms.paint(ct, anatomy(true)), NAMES), Status.RAISED);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {"LPS voxel order; 1,0,0, 0,1,0, 0,0,1",
      "RAS voxel order; -1,0,0, 0,-1,0, 0,0,1", "feet first, RAS voxel order; -1,0,0, 0,1,0, 0,0,-1"})
  void niftiFilesInEitherVoxelOrderReadBackToTheSameSides(String order, String axes) throws Exception {
    double[] direction = java.util.Arrays.stream(axes.split(",")).mapToDouble(s -> Double.parseDouble(s.trim()))
        .toArray();
    for (boolean mirrored : new boolean[] {false, true}) {
      NiftiCtVolume grid = Phantoms.grid(DIMS, SPACING, direction);
      Path file = dir.resolve((mirrored ? "mirrored" : "correct") + ".nii.gz");
      NiftiWriter.write(Phantoms.paint(grid, anatomy(mirrored)), grid, file);
      NiftiCtVolume ct = NiftiReader.readCt(file);
      LabelMap labels = LabelMapFiles.onGrid(LabelMapFiles.read(file), ct);
      assertSides(Phantoms.judge(ct, labels, NAMES), mirrored ? Status.RAISED : Status.PASSED);
    }
  }

  private static void assertSides(QaReport report, Status expected) {
    for (String kidney : new String[] {"kidney_left", "kidney_right"}) {
      CheckOutcome o = outcome(report, kidney, FlagKind.LATERALITY);
      assertEquals(expected, o.status(), kidney + " " + o.numbers());
      double left = (Double) o.numbers().get("centroidLeftMm");
      assertEquals(kidney.endsWith("left") == (expected == Status.PASSED) ? 30.0 : -30.0, left, 1e-9);
    }
  }
}
