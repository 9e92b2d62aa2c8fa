package io.ctpipe.dicom.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctpipe.dicom.DicomReader;
import io.ctpipe.dicom.testing.ExternalTools;
import io.ctpipe.dicom.testing.SharedData;
import io.ctpipe.dicom.volume.GeometryFlag.Code;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every series of {@code shared/data/ct}: geometry and flags as its README documents, HU as pydicom decodes. */
class RealCtSeriesTest {
  private final DicomReader reader = new DicomReader();

  private CtVolume assemble(String folder) throws IOException {
    SeriesScanner.Result scan = new SeriesScanner(reader).scan(SharedData.require("ct/" + folder));
    assertEquals(1, scan.series().size(), folder + " holds one series");
    assertTrue(scan.skipped().isEmpty(), "skipped: " + scan.skipped());
    return new VolumeAssembler(reader).assemble(scan.series().get(0));
  }

  @Test
  void totalSegmentatorExampleSeries() throws IOException {
    CtVolume v = assemble("totalseg-example");
    assertArrayEquals(new int[] {512, 512, 20}, v.dims());
    assertArrayEquals(new double[] {0.9765625, 0.9765625, 2.0}, v.spacing(), 1e-9);
    assertArrayEquals(new double[] {-249.51171875, -437.51171875, -804.5}, v.origin(), 1e-9);
    assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, v.direction(), 1e-12);
    assertEquals(-804.5, v.slicePositions()[0], 1e-9);
    assertEquals(-766.5, v.slicePositions()[19], 1e-9);
    GeometryReport r = v.report();
    assertTrue(r.has(Code.MISSING_SERIES_UID) && r.has(Code.MISSING_STUDY_UID), r.asStrings().toString());
    assertEquals(20.0, r.get(Code.SOP_UID_FROM_FILE_META).orElseThrow().values().get("instances"));
    GeometryFlag thickness = r.get(Code.SLICE_THICKNESS_MISMATCH).orElseThrow();
    assertEquals(3.0, thickness.values().get("thicknessMm"));
    assertEquals(2.0, thickness.values().get("spacingMm"));
    assertFalse(r.has(Code.MISSING_SLICES) || r.has(Code.NON_UNIFORM_SPACING) || r.has(Code.GANTRY_TILT));
    // SOP Instance UIDs come from the file meta: the file name after "CT."; the lowest slice is InstanceNumber 286
    assertTrue(v.sopInstanceUids().get(0).startsWith("1.3.12.2.1107.5.1.4.60064."), v.sopInstanceUids().get(0));
    assertEquals(20, v.sopInstanceUids().stream().distinct().count());
    assertTrue(v.seriesInstanceUid().startsWith("2.25."));
    assertTrue(v.isInt16());
    double[] hu = v.huStatistics();
    assertEquals(-1024, hu[0]);
    assertEquals(1839, hu[1]);
  }

  @Test
  void replacementUidsAreDeterministic() throws IOException {
    assertEquals(assemble("totalseg-example").seriesInstanceUid(), assemble("totalseg-example").seriesInstanceUid());
  }

  @Test
  void gantryTiltIsFlaggedWithItsAngle() throws IOException {
    CtVolume v = assemble("dicom2nifti-gantry-tilt-randompixels");
    assertArrayEquals(new int[] {512, 512, 4}, v.dims());
    double angle = v.report().get(Code.GANTRY_TILT).orElseThrow().values().get("angleDeg");
    assertEquals(Math.toDegrees(Math.acos(0.970296)), angle, 0.01);
    assertEquals(5 * 0.970296, v.spacing()[2], 1e-3);
    assertArrayEquals(new double[] {1, 0, 0, 0, 0.970296, -0.241922}, java.util.Arrays.copyOf(v.direction(), 6),
        1e-5);
  }

  @Test
  void missingSliceIsFlagged() throws IOException {
    CtVolume v = assemble("dicom2nifti-missing-slice-randompixels");
    GeometryFlag missing = v.report().get(Code.MISSING_SLICES).orElseThrow();
    assertEquals(1.0, missing.values().get("gaps"));
    assertEquals(10.0, missing.values().get("maxGapMm"), 0.01);
    assertEquals(5.0, v.spacing()[2], 0.01);
    GeometryFlag spacing = v.report().get(Code.NON_UNIFORM_SPACING).orElseThrow();
    assertEquals(5.0, spacing.values().get("minMm"), 0.01);
    assertEquals(10.0, spacing.values().get("maxMm"), 0.01);
  }

  @Test
  void irregularTinySeriesIsFlagged() throws IOException {
    CtVolume v = assemble("pydicom-ct2-tiny");
    assertArrayEquals(new int[] {16, 16, 4}, v.dims());
    assertEquals(202.5, v.report().get(Code.MISSING_SLICES).orElseThrow().values().get("maxGapMm"), 0.01);
    assertEquals(1.25, v.spacing()[2], 0.01);
  }

  @Test
  void singleSliceIsFlagged() throws IOException {
    CtVolume v = assemble("highdicom-ct-single");
    assertArrayEquals(new int[] {128, 128, 1}, v.dims());
    assertTrue(v.report().has(Code.SINGLE_SLICE));
    assertEquals(5.0, v.spacing()[2], 1e-9, "a single slice takes its SliceThickness as spacing");
  }

  @Test
  void enhancedMultiFrameCtIsReadFromFunctionalGroups() throws IOException {
    CtVolume v = assemble("nema-enhanced-ct");
    assertArrayEquals(new int[] {512, 512, 2}, v.dims());
    assertArrayEquals(new double[] {0.388672, 0.388672, 10.0}, v.spacing(), 1e-6);
    // x axis flipped: row cosine (-1, 0, 0), so the normal (row x column) points to the feet
    assertArrayEquals(new double[] {-1, 0, 0, 0, 1, 0, 0, 0, -1}, v.direction(), 1e-12);
    assertEquals(-149.0, v.origin()[2], 1e-9);
    // frame 1 is at z = -159, frame 2 at z = -149: along the normal frame 2 comes first
    assertEquals(List.of(1, 0), v.slices().stream().map(SliceHeader::frame).toList());
    assertTrue(v.report().flags().isEmpty(), v.report().asStrings().toString());
  }

  /** HU statistics of every series equal an independent decode by pydicom (with GDCM for JPEG 2000). */
  @ParameterizedTest(name = "{0}: HU min/max/mean equal pydicom's")
  @ValueSource(strings = {"totalseg-example", "pydicom-ct2-tiny", "highdicom-ct-single", "nema-enhanced-ct",
      "dicom2nifti-gantry-tilt-randompixels", "dicom2nifti-missing-slice-randompixels"})
  void huStatisticsMatchPydicom(String folder) throws Exception {
    CtVolume v = assemble(folder);
    ExternalTools.requirePythonModule("pydicom");
    ExternalTools.requirePythonModule("gdcm");
    List<String> command = new ArrayList<>(List.of(ExternalTools.PYTHON,
        ExternalTools.script("pydicom_hu_stats.py").toString()));
    try (Stream<Path> files = Files.list(SharedData.require("ct/" + folder))) {
      files.sorted().forEach(p -> command.add(p.toString()));
    }
    ExternalTools.Output out = ExternalTools.run(command);
    assertEquals(0, out.exitCode(), out.stderr());
    JsonNode expected = new ObjectMapper().readTree(out.stdout());
    double[] hu = v.huStatistics();
    assertEquals(expected.get("voxels").asLong(), v.voxelCount());
    assertEquals(expected.get("min").asDouble(), hu[0], 1e-9);
    assertEquals(expected.get("max").asDouble(), hu[1], 1e-9);
    assertEquals(expected.get("mean").asDouble(), hu[2], 1e-6);
  }
}
