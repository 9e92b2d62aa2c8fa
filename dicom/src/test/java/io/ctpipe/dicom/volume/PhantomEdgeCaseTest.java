package io.ctpipe.dicom.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.dicom.DicomDataset;
import io.ctpipe.dicom.DicomReader;
import io.ctpipe.dicom.DicomWriter;
import io.ctpipe.dicom.Tag;
import io.ctpipe.dicom.Uids;
import io.ctpipe.dicom.Vr;
import io.ctpipe.dicom.phantom.PhantomSeriesWriter;
import io.ctpipe.dicom.phantom.PhantomSpec;
import io.ctpipe.dicom.phantom.TorsoPhantom;
import io.ctpipe.dicom.volume.GeometryFlag.Code;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Series built with the phantom writer to exercise each geometry finding; needs no shared data. */
class PhantomEdgeCaseTest {
  private static final int[] DIMS = {32, 24, 10};
  private static final double[] SPACING = {12.0, 12.0, 2.5};
  private final DicomReader reader = new DicomReader();

  @TempDir
  Path dir;

  private PhantomSpec spec() {
    return PhantomSpec.of(DIMS, SPACING, 7);
  }

  private List<CtSeries> scan(Path folder) throws IOException {
    SeriesScanner.Result result = new SeriesScanner(reader).scan(folder);
    assertTrue(result.skipped().isEmpty(), result.skipped().toString());
    return result.series();
  }

  private CtVolume assembleOnly(Path folder) throws IOException {
    List<CtSeries> series = scan(folder);
    assertEquals(1, series.size());
    return new VolumeAssembler(reader).assemble(series.get(0));
  }

  @Test
  void plainPhantomHasNoFlagsAndExpectedGeometry() throws IOException {
    PhantomSeriesWriter.Written w = PhantomSeriesWriter.write(spec(), dir);
    CtVolume v = assembleOnly(dir);
    assertEquals(10, w.files());
    assertArrayEquals(DIMS, v.dims());
    assertArrayEquals(SPACING, v.spacing(), 1e-9);
    assertArrayEquals(new double[] {-(31 / 2.0) * 12, -(23 / 2.0) * 12, -(9 / 2.0) * 2.5}, v.origin(), 1e-9);
    assertTrue(v.report().flags().isEmpty(), v.report().asStrings().toString());
    assertEquals(w.seriesInstanceUid(), v.seriesInstanceUid());
    assertTrue(v.isInt16());
  }

  @Test
  void phantomHuFollowsItsAnatomy() throws IOException {
    int[] dims = {96, 96, 40};
    double[] spacing = {4, 4, 10};
    PhantomSeriesWriter.write(PhantomSpec.of(dims, spacing, 3), dir);
    CtVolume v = assembleOnly(dir);
    TorsoPhantom phantom = new TorsoPhantom(3);
    int checked = 0;
    for (int z = 0; z < dims[2]; z += 3) {
      for (int y = 0; y < dims[1]; y += 5) {
        for (int x = 0; x < dims[0]; x += 5) {
          double expected = phantom.tissue(v.origin()[0] + x * spacing[0], v.origin()[1] + y * spacing[1],
              (z + 0.5) / dims[2]);
          double actual = v.hu(x + dims[0] * (y + dims[1] * z));
          assertEquals(expected, actual, 12 * 6, "voxel " + x + "," + y + "," + z);
          checked++;
        }
      }
    }
    assertTrue(checked > 1000);
    double[] stats = v.huStatistics();
    assertTrue(stats[0] <= -1000 && stats[1] >= TorsoPhantom.BONE - 50, java.util.Arrays.toString(stats));
  }

  @Test
  void phantomIsDeterministicPerSeed() throws IOException {
    PhantomSeriesWriter.write(spec(), dir.resolve("a"));
    PhantomSeriesWriter.write(spec(), dir.resolve("b"));
    PhantomSeriesWriter.write(PhantomSpec.of(DIMS, SPACING, 8), dir.resolve("c"));
    byte[] a = Files.readAllBytes(dir.resolve("a/CT000005.dcm"));
    assertArrayEquals(a, Files.readAllBytes(dir.resolve("b/CT000005.dcm")));
    assertFalse(java.util.Arrays.equals(a, Files.readAllBytes(dir.resolve("c/CT000005.dcm"))));
  }

  @Test
  void reversedInstanceNumbersGiveTheSameVolume() throws IOException {
    PhantomSeriesWriter.write(spec(), dir.resolve("forward"));
    PhantomSeriesWriter.write(spec().withReversedInstanceNumbers(), dir.resolve("reversed"));
    CtVolume forward = assembleOnly(dir.resolve("forward"));
    CtVolume reversed = assembleOnly(dir.resolve("reversed"));
    assertArrayEquals(forward.int16Voxels(), reversed.int16Voxels());
    assertArrayEquals(forward.origin(), reversed.origin());
    assertTrue(reversed.slicePositions()[0] < reversed.slicePositions()[9], "sorted along the normal");
  }

  @Test
  void gantryTiltIsMeasured() throws IOException {
    PhantomSeriesWriter.write(spec().withTilt(15), dir);
    CtVolume v = assembleOnly(dir);
    assertEquals(15.0, v.report().get(Code.GANTRY_TILT).orElseThrow().values().get("angleDeg"), 0.001);
    assertEquals(2.5 * Math.cos(Math.toRadians(15)), v.spacing()[2], 1e-6);
  }

  @Test
  void gapIsReportedAsMissingSlices() throws IOException {
    PhantomSeriesWriter.write(spec().withDroppedSlices(Set.of(4)), dir);
    CtVolume v = assembleOnly(dir);
    assertEquals(9, v.dims()[2]);
    GeometryFlag missing = v.report().get(Code.MISSING_SLICES).orElseThrow();
    assertEquals(1.0, missing.values().get("gaps"));
    assertEquals(5.0, missing.values().get("maxGapMm"), 1e-9);
    assertEquals("MISSING_SLICES(gaps=1, maxGapMm=5, medianSpacingMm=2.5)", missing.toString());
  }

  @Test
  void duplicatePositionsAreDroppedAndCounted() throws IOException {
    PhantomSeriesWriter.write(spec().withDuplicatedSlices(Set.of(2, 3)), dir);
    CtVolume v = assembleOnly(dir);
    assertEquals(10, v.dims()[2]);
    assertEquals(2.0, v.report().get(Code.DUPLICATE_POSITIONS).orElseThrow().values().get("dropped"));
    assertFalse(v.report().has(Code.NON_UNIFORM_SPACING));
  }

  @Test
  void mixedFolderIsSplitIntoSeries() throws IOException {
    PhantomSeriesWriter.write(spec(), dir.resolve("one"));
    PhantomSeriesWriter.write(spec().withSeriesTag("second").withDroppedSlices(Set.of(0, 1)), dir.resolve("two"));
    List<CtSeries> series = scan(dir);
    assertEquals(2, series.size());
    assertEquals(Set.of(10L, 8L), Set.of(series.get(0).instanceCount(), series.get(1).instanceCount()));
    assertEquals(series.get(0).studyInstanceUid(), series.get(1).studyInstanceUid());
  }

  @Test
  void nonCtSeriesIsRejectedUnlessAllowed() throws IOException {
    PhantomSeriesWriter.write(spec().withModality("MR"), dir);
    CtSeries series = scan(dir).get(0);
    SeriesRejectedException e = assertThrows(SeriesRejectedException.class,
        () -> new VolumeAssembler(reader).assemble(series));
    assertEquals(SeriesRejectedException.Reason.NON_CT_MODALITY, e.reason());
    assertTrue(e.getMessage().contains("series modality is 'MR', not CT"), e.getMessage());
    CtVolume allowed = new VolumeAssembler(reader, true, Integer.MAX_VALUE).assemble(series);
    assertTrue(allowed.report().has(Code.NON_CT_MODALITY));
  }

  @Test
  void localizersAreExcluded() throws IOException {
    PhantomSeriesWriter.write(spec(), dir);
    DicomDataset scout = copyOf(dir.resolve("CT000001.dcm"), "scout");
    scout.putStrings(Tag.IMAGE_TYPE, Vr.CS, List.of("ORIGINAL", "PRIMARY", "LOCALIZER"));
    scout.putDecimals(Tag.IMAGE_ORIENTATION_PATIENT, 0, 1, 0, 0, 0, -1);
    DicomWriter.write(scout, dir.resolve("scout.dcm"));
    CtVolume v = assembleOnly(dir);
    assertEquals(10, v.dims()[2]);
    assertEquals(1.0, v.report().get(Code.LOCALIZERS_EXCLUDED).orElseThrow().values().get("count"));
    assertFalse(v.report().has(Code.MULTIPLE_ORIENTATIONS));
  }

  @Test
  void secondAcquisitionAtTheSamePositionsIsSetAside() throws IOException {
    PhantomSeriesWriter.write(spec(), dir);
    for (int k = 1; k <= 3; k++) {
      DicomDataset copy = copyOf(dir.resolve(String.format("CT%06d.dcm", k)), "acq2-" + k);
      copy.putInts(Tag.ACQUISITION_NUMBER, Vr.IS, 2);
      DicomWriter.write(copy, dir.resolve("acq2-" + k + ".dcm"));
    }
    CtVolume v = assembleOnly(dir);
    assertEquals(10, v.dims()[2]);
    GeometryFlag flag = v.report().get(Code.MULTIPLE_ACQUISITIONS).orElseThrow();
    assertEquals(2.0, flag.values().get("acquisitions"));
    assertEquals(1.0, flag.values().get("keptAcquisition"));
    assertFalse(v.report().has(Code.DUPLICATE_POSITIONS));
  }

  @Test
  void secondOrientationIsSetAside() throws IOException {
    PhantomSeriesWriter.write(spec(), dir);
    for (int k = 1; k <= 3; k++) {
      DicomDataset sagittal = copyOf(dir.resolve(String.format("CT%06d.dcm", k)), "sag-" + k);
      sagittal.putDecimals(Tag.IMAGE_ORIENTATION_PATIENT, 0, 1, 0, 0, 0, -1);
      DicomWriter.write(sagittal, dir.resolve("sag-" + k + ".dcm"));
    }
    CtVolume v = assembleOnly(dir);
    assertEquals(10, v.dims()[2]);
    assertEquals("MULTIPLE_ORIENTATIONS(orientations=2, kept=10, dropped=3)",
        v.report().get(Code.MULTIPLE_ORIENTATIONS).orElseThrow().toString());
  }

  @Test
  void slicesOfDifferentSizesAreRejected() throws IOException {
    PhantomSeriesWriter.write(spec(), dir);
    PhantomSeriesWriter.write(PhantomSpec.of(new int[] {16, 16, 1}, SPACING, 7), dir.resolve("small"));
    // same series UID (same seed and tag), other size
    SeriesRejectedException e = assertThrows(SeriesRejectedException.class, () -> assembleOnly(dir));
    assertEquals(SeriesRejectedException.Reason.INCONSISTENT_DIMENSIONS, e.reason());
    assertTrue(e.getMessage().contains("slices differ in size: "), e.getMessage());
  }

  @Test
  void fractionalRescaleGivesFloatVoxels() throws IOException {
    PhantomSeriesWriter.write(spec(), dir);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        DicomDataset ds = reader.read(f).dataset();
        ds.putDecimals(Tag.RESCALE_SLOPE, 0.5);
        DicomWriter.write(ds, f);
      }
    }
    CtVolume v = assembleOnly(dir);
    assertFalse(v.isInt16());
    assertEquals(-1024, v.huStatistics()[0], 1e-6);
  }

  @Test
  void missingPositionIsRejectedWithTheInstance() throws IOException {
    PhantomSeriesWriter.write(spec(), dir);
    Path f = dir.resolve("CT000002.dcm");
    DicomDataset ds = reader.read(f).dataset();
    ds.remove(Tag.IMAGE_POSITION_PATIENT);
    DicomWriter.write(ds, f);
    SeriesRejectedException e = assertThrows(SeriesRejectedException.class, () -> assembleOnly(dir));
    assertEquals(SeriesRejectedException.Reason.MISSING_GEOMETRY, e.reason());
    assertTrue(e.getMessage().endsWith("has no ImagePositionPatient: it cannot be placed in a volume"),
        e.getMessage());
  }

  private DicomDataset copyOf(Path file, String name) throws IOException {
    DicomDataset ds = reader.read(file).dataset();
    ds.putString(Tag.SOP_INSTANCE_UID, Vr.UI, Uids.fromName("test-copy", name));
    return ds;
  }
}
