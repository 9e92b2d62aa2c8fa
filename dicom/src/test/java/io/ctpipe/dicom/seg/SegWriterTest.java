package io.ctpipe.dicom.seg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.dicom.DicomReader;
import io.ctpipe.dicom.TransferSyntax;
import io.ctpipe.dicom.testing.Dciodvfy;
import io.ctpipe.dicom.testing.ExternalTools;
import io.ctpipe.dicom.volume.LabelMap;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SEGs written for a phantom whose true anatomy is the label map: validated by dciodvfy, parsed by dcmdump, decoded
 * by pydicom and by ctpipe's reader to the same masks.
 */
class SegWriterTest {
  private static final int[] DIMS = {64, 48, 20};
  private static final double[] SPACING = {6, 6, 5};

  @TempDir
  Path dir;

  private PhantomSegmentation phantom() throws Exception {
    return PhantomSegmentation.create(dir.resolve("ct"), DIMS, SPACING);
  }

  private static SegWriter.Seg build(PhantomSegmentation p, SegmentationType type) throws Exception {
    return SegWriter.build(p.volume, p.labels, PhantomSegmentation.SEGMENTS, PhantomSegmentation.INFO, type, true);
  }

  @ParameterizedTest(name = "{0} SEG passes dciodvfy, dcmdump and pydicom")
  @CsvSource({"BINARY", "LABELMAP"})
  void writtenSegPassesIndependentTools(SegmentationType type) throws Exception {
    PhantomSegmentation p = phantom();
    Path file = dir.resolve(type + ".dcm");
    build(p, type).write(file);

    Dciodvfy.assertValid(file);
    ExternalTools.Output dump = ExternalTools.run(List.of(ExternalTools.require("/usr/bin/dcmdump"), "-q",
        file.toString()));
    assertEquals(0, dump.exitCode(), dump.stderr());
    assertTrue(dump.stderr().isBlank(), dump.stderr());

    ExternalTools.requirePythonModule("pydicom");
    Path raw = dir.resolve("labels.raw");
    ByteBuffer bytes = ByteBuffer.allocate(p.labels.labels().length * 2).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asShortBuffer().put(p.labels.labels());
    Files.write(raw, bytes.array());
    List<String> command = new ArrayList<>(List.of(ExternalTools.PYTHON,
        ExternalTools.script("seg_check.py").toString(), file.toString(), raw.toString(),
        Integer.toString(DIMS[0]), Integer.toString(DIMS[1]), Integer.toString(DIMS[2]),
        Double.toString(p.volume.origin()[2]), Double.toString(SPACING[2])));
    List<SegmentDescription> segments = PhantomSegmentation.SEGMENTS;
    for (int i = 0; i < segments.size(); i++) {
      command.add(segments.get(i).labelValue() + ":" + (i + 1));
    }
    ExternalTools.Output check = ExternalTools.run(command);
    assertEquals(0, check.exitCode(), check.stdout() + check.stderr());
    assertTrue(check.stdout().startsWith("ok "), check.stdout());
  }

  @ParameterizedTest(name = "{0} round trip through ctpipe's reader")
  @CsvSource({"BINARY", "LABELMAP"})
  void roundTripGivesTheInputMasks(SegmentationType type) throws Exception {
    PhantomSegmentation p = phantom();
    Path file = dir.resolve("rt.dcm");
    SegWriter.Seg seg = build(p, type);
    seg.write(file);
    Segmentation back = SegReader.read(new DicomReader().read(file));
    assertEquals(type, back.type());
    assertEquals(PhantomSegmentation.SEGMENTS.size(), back.segments().size());
    assertEquals(p.volume.seriesInstanceUid(), back.referencedSeriesInstanceUid());
    for (int i = 0; i < PhantomSegmentation.SEGMENTS.size(); i++) {
      SegmentDescription d = PhantomSegmentation.SEGMENTS.get(i);
      SegmentInfo info = back.segments().get(i);
      assertEquals(i + 1, info.number());
      assertEquals(d.label(), info.label());
      assertEquals(d.type(), info.type());
      assertEquals(d.modifier(), info.modifier());
      boolean[] mask = back.mask(i + 1, p.volume);
      for (int v = 0; v < mask.length; v++) {
        if (mask[v] != (p.labels.label(v) == d.labelValue())) {
          throw new AssertionError(d.label() + ": voxel " + v + " differs");
        }
      }
    }
    Map<Integer, Long> counts = back.voxelCounts();
    long[] histogram = p.labels.histogram();
    for (int i = 0; i < PhantomSegmentation.SEGMENTS.size(); i++) {
      assertEquals(histogram[PhantomSegmentation.SEGMENTS.get(i).labelValue()], counts.get(i + 1));
    }
  }

  @Test
  void binaryFramesOnlyWhereASegmentIsPresent() throws Exception {
    PhantomSegmentation p = phantom();
    SegWriter.Seg seg = build(p, SegmentationType.BINARY);
    int expected = 0;
    for (SegmentDescription d : PhantomSegmentation.SEGMENTS) {
      for (int z = 0; z < DIMS[2]; z++) {
        boolean present = false;
        for (int i = 0; i < DIMS[0] * DIMS[1] && !present; i++) {
          present = p.labels.label(z * DIMS[0] * DIMS[1] + i) == d.labelValue();
        }
        expected += present ? 1 : 0;
      }
    }
    assertEquals(expected, seg.frames());
    assertTrue(expected < PhantomSegmentation.SEGMENTS.size() * DIMS[2], "empty frames are omitted");
    assertEquals(TransferSyntax.EXPLICIT_VR_LE, seg.transferSyntax());
    assertEquals(DIMS[2], build(p, SegmentationType.LABELMAP).frames(), "LABELMAP: one frame per slice");
  }

  @Test
  void framesStartingMidByteRoundTrip() throws Exception {
    PhantomSegmentation p = PhantomSegmentation.create(dir.resolve("odd"), new int[] {23, 38, 5},
        new double[] {16, 8, 40});
    Path file = dir.resolve("odd.dcm");
    SegWriter.build(p.volume, p.labels, PhantomSegmentation.SEGMENTS, PhantomSegmentation.INFO,
        SegmentationType.BINARY, false).write(file);
    Segmentation back = SegReader.read(new DicomReader().read(file));
    assertTrue(back.frames().size() > 1);
    for (int i = 0; i < PhantomSegmentation.SEGMENTS.size(); i++) {
      boolean[] mask = back.mask(i + 1, p.volume);
      int label = PhantomSegmentation.SEGMENTS.get(i).labelValue();
      for (int v = 0; v < mask.length; v++) {
        assertEquals(p.labels.label(v) == label, mask[v], "segment " + (i + 1) + " voxel " + v);
      }
    }
  }

  @Test
  void uncompressedLabelMapEqualsTheRleOne() throws Exception {
    PhantomSegmentation p = phantom();
    SegWriter.Seg rle = build(p, SegmentationType.LABELMAP);
    SegWriter.Seg plain = SegWriter.build(p.volume, p.labels, PhantomSegmentation.SEGMENTS,
        PhantomSegmentation.INFO, SegmentationType.LABELMAP, false);
    assertEquals(TransferSyntax.RLE_LOSSLESS, rle.transferSyntax());
    assertEquals(TransferSyntax.EXPLICIT_VR_LE, plain.transferSyntax());
    rle.write(dir.resolve("rle.dcm"));
    plain.write(dir.resolve("plain.dcm"));
    Segmentation a = SegReader.read(new DicomReader().read(dir.resolve("rle.dcm")));
    Segmentation b = SegReader.read(new DicomReader().read(dir.resolve("plain.dcm")));
    for (int f = 0; f < DIMS[2]; f++) {
      assertArrayEquals(a.frameValues(f), b.frameValues(f), "frame " + f);
    }
    Dciodvfy.assertValid(dir.resolve("plain.dcm"));
  }

  @Test
  void writingAgainGivesTheSameUidsAndBytes() throws Exception {
    PhantomSegmentation p = phantom();
    build(p, SegmentationType.BINARY).write(dir.resolve("a.dcm"));
    build(p, SegmentationType.BINARY).write(dir.resolve("b.dcm"));
    assertArrayEquals(Files.readAllBytes(dir.resolve("a.dcm")), Files.readAllBytes(dir.resolve("b.dcm")));
    SegWriter.Seg first = build(p, SegmentationType.BINARY);
    SegWriter.Seg otherConfig = SegWriter.build(p.volume, p.labels, PhantomSegmentation.SEGMENTS,
        SegSeriesInfo.forModel("phantom-truth", "1.0", "other-config", "test", PhantomSegmentation.INFO
            .contentDateTime()), SegmentationType.BINARY, true);
    assertNotEquals(first.seriesInstanceUid(), otherConfig.seriesInstanceUid());
    assertNotEquals(first.sopInstanceUid(), otherConfig.sopInstanceUid());
    assertTrue(first.seriesInstanceUid().startsWith("2.25."));
  }

  // ---- bad input ----

  @Test
  void labelMapOnAnotherGridIsRefused() throws Exception {
    PhantomSegmentation p = phantom();
    LabelMap small = LabelMap.empty(new int[] {10, 10, 5});
    assertMessage(() -> SegWriter.build(p.volume, small, PhantomSegmentation.SEGMENTS, PhantomSegmentation.INFO,
        SegmentationType.BINARY, true), "label map grid 10x10x5 differs from the CT grid 64x48x20");
  }

  @Test
  void undescribedLabelsAreNamed() throws Exception {
    PhantomSegmentation p = phantom();
    p.labels.set(0, 42);
    p.labels.set(1, 43);
    assertMessage(() -> build(p, SegmentationType.LABELMAP), "label values without a description: [42, 43]");
  }

  @Test
  void emptyLabelMapIsRefused() throws Exception {
    PhantomSegmentation p = phantom();
    assertMessage(() -> SegWriter.build(p.volume, LabelMap.empty(DIMS), PhantomSegmentation.SEGMENTS,
        PhantomSegmentation.INFO, SegmentationType.BINARY, true), "the label map is empty (no voxel above 0)");
  }

  @Test
  void duplicateLabelValuesAreRefused() throws Exception {
    PhantomSegmentation p = phantom();
    List<SegmentDescription> twice = new ArrayList<>(PhantomSegmentation.SEGMENTS);
    twice.add(PhantomSegmentation.SEGMENTS.get(0));
    assertMessage(() -> SegWriter.build(p.volume, p.labels, twice, PhantomSegmentation.INFO,
        SegmentationType.BINARY, true), "label value 1 is described twice");
  }

  @Test
  void retiredSrtCodesAndFractionalOutputAreRefused() throws Exception {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SegmentDescription(1,
        "Liver", PhantomSegmentation.ANATOMY, new CodedConcept("SRT", "T-62000", "Liver"), null, null));
    assertTrue(e.getMessage().contains("uses the retired scheme SRT"), e.getMessage());
    PhantomSegmentation p = phantom();
    assertMessage(() -> build(p, SegmentationType.FRACTIONAL), "FRACTIONAL is read only");
  }

  private interface Action {
    void run() throws Exception;
  }

  private static void assertMessage(Action action, String expected) {
    SegmentationException e = assertThrows(SegmentationException.class, action::run);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
