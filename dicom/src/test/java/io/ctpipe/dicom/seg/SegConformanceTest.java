package io.ctpipe.dicom.seg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.dicom.DicomDataset;
import io.ctpipe.dicom.DicomFile;
import io.ctpipe.dicom.DicomReader;
import io.ctpipe.dicom.DicomWriter;
import io.ctpipe.dicom.Tag;
import io.ctpipe.dicom.Vr;
import io.ctpipe.dicom.phantom.PhantomSeriesWriter;
import io.ctpipe.dicom.phantom.PhantomSpec;
import io.ctpipe.dicom.testing.Dciodvfy;
import io.ctpipe.dicom.testing.ExternalTools;
import io.ctpipe.dicom.testing.SharedData;
import io.ctpipe.dicom.volume.CtVolume;
import io.ctpipe.dicom.volume.LabelMap;
import io.ctpipe.dicom.volume.SeriesScanner;
import io.ctpipe.dicom.volume.VolumeAssembler;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * dciodvfy reports 0 errors for BINARY and LABELMAP SEGs written from every CT series of shared/data and from
 * phantoms whose headers carry what real archives hold: an empty Specific Character Set, Latin-1 names, empty
 * Type 1C values, an incomplete Clinical Trial Subject module. Warnings are only those docs/dicom-conformance.md
 * lists for sources that lack a Patient ID or Study ID.
 */
class SegConformanceTest {
  private static final CodedConcept ANATOMY = new CodedConcept("SCT", "123037004", "Anatomical Structure");
  private static final List<SegmentDescription> SEGMENTS = List.of(
      new SegmentDescription(1, "Soft tissue", ANATOMY, new CodedConcept("SCT", "85756007", "Tissue"), null, null),
      new SegmentDescription(2, "Bone", ANATOMY, new CodedConcept("SCT", "272673000", "Bone"), null, null));
  private static final SegSeriesInfo INFO = SegSeriesInfo.forModel("conformance", "1.0", "none", "test",
      LocalDateTime.of(2026, 1, 2, 3, 4, 5));
  private final DicomReader reader = new DicomReader();

  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ct/totalseg-example", "ct/pydicom-ct2-tiny", "ct/highdicom-ct-single",
      "ct/nema-enhanced-ct", "ct/dicom2nifti-gantry-tilt-randompixels", "ct/dicom2nifti-missing-slice-randompixels",
      "seg-examples/dcmqi-synthetic-23x38x3/image", "seg-examples/dcmqi-synthetic-24x38x3/image",
      "transfer-syntax/implicit-vr-little-endian", "transfer-syntax/explicit-vr-big-endian",
      "transfer-syntax/deflated-explicit-vr-little-endian", "transfer-syntax/rle-lossless",
      "transfer-syntax/jpeg-ls-lossless", "transfer-syntax/jpeg2000-lossless", "transfer-syntax/jpeg-baseline-8bit"})
  void segsOfSharedCtPassDciodvfy(String folder) throws Exception {
    Path source = SharedData.require(folder);
    CtVolume ct = new VolumeAssembler(reader).assemble(new SeriesScanner(reader).scan(source).series().get(0));
    writeAndValidate(ct, SEGMENTS);
  }

  private void writeAndValidate(CtVolume ct, List<SegmentDescription> segments) throws Exception {
    for (SegmentationType type : List.of(SegmentationType.BINARY, SegmentationType.LABELMAP)) {
      Path seg = dir.resolve(type + ".dcm");
      SegWriter.build(ct, tissueLabels(ct), segments, INFO, type, true).write(seg);
      Dciodvfy.assertValid(seg, Dciodvfy.SOURCE_WARNINGS);
    }
  }

  /** Soft tissue above −200 HU, bone above 300 HU; one voxel at least. */
  private static LabelMap tissueLabels(CtVolume ct) {
    LabelMap labels = LabelMap.empty(ct.dims());
    for (int i = 0; i < ct.voxelCount(); i++) {
      float hu = ct.hu(i);
      labels.set(i, hu > 300 ? 2 : hu > -200 ? 1 : 0);
    }
    if (labels.presentLabels().length == 0) {
      labels.set(0, 1);
    }
    return labels;
  }

  /** A phantom series whose every file's header is changed by {@code edit}. */
  private CtVolume phantomWith(Consumer<DicomDataset> edit) throws Exception {
    Path series = dir.resolve("ct");
    PhantomSeriesWriter.write(PhantomSpec.of(new int[] {24, 20, 6}, new double[] {10, 10, 8}, 5), series);
    try (Stream<Path> files = Files.list(series)) {
      for (Path file : files.toList()) {
        DicomFile dicom = reader.read(file);
        edit.accept(dicom.dataset());
        DicomWriter.write(dicom.dataset(), dicom.transferSyntax(), file);
      }
    }
    return new VolumeAssembler(reader).assemble(new SeriesScanner(reader).scan(series).series().get(0));
  }

  private static void putLatin1(DicomDataset ds, int tag, Vr vr, String value) {
    ds.putBytes(tag, vr, ByteBuffer.wrap(value.getBytes(StandardCharsets.ISO_8859_1)));
  }

  @Test
  void anEmptySpecificCharacterSetAndEmptyOptionalValuesAreNotCopied() throws Exception {
    CtVolume ct = phantomWith(ds -> {
      ds.putString(Tag.SPECIFIC_CHARACTER_SET, Vr.CS, "");
      ds.putString(0x00101010, Vr.AS, ""); // Patient's Age, type 3
      ds.putString(0x00120010, Vr.LO, "Sponsor"); // Clinical Trial Sponsor Name without Protocol and Subject ID
      ds.putString(0x00120040, Vr.LO, "");
    });
    writeAndValidate(ct, SEGMENTS);
    DicomDataset seg = SegWriter.build(ct, tissueLabels(ct), SEGMENTS, INFO, SegmentationType.BINARY, true)
        .dataset();
    assertFalse(seg.contains(Tag.SPECIFIC_CHARACTER_SET), "ASCII text needs no Specific Character Set");
    assertFalse(seg.contains(0x00101010), "an empty Patient's Age is dropped");
    assertFalse(seg.contains(0x00120010), "an incomplete Clinical Trial Subject module is dropped");
  }

  @Test
  void agesAreZeroPaddedAndUnknownWeightsLeftOut() throws Exception {
    CtVolume ct = phantomWith(ds -> {
      ds.putString(0x00101010, Vr.AS, "45Y");
      ds.putString(0x00101030, Vr.DS, "0");
      ds.putString(0x00101020, Vr.DS, "1.82");
    });
    writeAndValidate(ct, SEGMENTS);
    DicomDataset seg = SegWriter.build(ct, tissueLabels(ct), SEGMENTS, INFO, SegmentationType.BINARY, true)
        .dataset();
    assertEquals("045Y", seg.string(0x00101010, ""));
    assertFalse(seg.contains(0x00101030), "a zero Patient's Weight means unknown");
    assertEquals("1.82", seg.string(0x00101020, ""));
  }

  @Test
  void latin1NamesAreWrittenAsUtf8AndDeclaredSo() throws Exception {
    CtVolume ct = phantomWith(ds -> {
      ds.putString(Tag.SPECIFIC_CHARACTER_SET, Vr.CS, "ISO_IR 100");
      putLatin1(ds, Tag.PATIENT_NAME, Vr.PN, "Müller^Jürgen");
      putLatin1(ds, 0x00081030, Vr.LO, "Thorax/Abdomen (Kontrastmittel: nein, Größe 180)");
    });
    List<SegmentDescription> segments = List.of(SEGMENTS.get(0), new SegmentDescription(2, "Knochen (Öffnung)",
        ANATOMY, new CodedConcept("SCT", "272673000", "Bone"), null, null));
    writeAndValidate(ct, segments);
    Path file = dir.resolve("latin1.dcm");
    SegWriter.build(ct, tissueLabels(ct), segments, INFO, SegmentationType.BINARY, true).write(file);
    DicomDataset seg = reader.read(file).dataset();
    assertEquals("ISO_IR 192", seg.string(Tag.SPECIFIC_CHARACTER_SET, ""));
    assertEquals("Müller^Jürgen", seg.string(Tag.PATIENT_NAME, ""));
    assertEquals("Knochen (Öffnung)", seg.sequence(Tag.SEGMENT_SEQUENCE).get(1).string(Tag.SEGMENT_LABEL, ""));

    ExternalTools.requirePythonModule("pydicom");
    ExternalTools.Output out = ExternalTools.run(List.of(ExternalTools.PYTHON, "-c",
        "import pydicom,sys; d=pydicom.dcmread(sys.argv[1]); sys.stdout.buffer.write((str(d.PatientName) + '|' "
            + "+ d.StudyDescription + '|' + d.SegmentSequence[1].SegmentLabel).encode('utf-8'))", file.toString()));
    assertEquals(0, out.exitCode(), out.stderr());
    assertEquals("Müller^Jürgen|Thorax/Abdomen (Kontrastmittel: nein, Größe 180)|Knochen (Öffnung)", out.stdout());
  }

  @Test
  void utf8SourcesWithOnlyAsciiTextDeclareNothing() throws Exception {
    CtVolume ct = phantomWith(ds -> ds.putString(Tag.SPECIFIC_CHARACTER_SET, Vr.CS, "ISO_IR 192"));
    DicomDataset seg = SegWriter.build(ct, tissueLabels(ct), SEGMENTS, INFO, SegmentationType.LABELMAP, true)
        .dataset();
    assertFalse(seg.contains(Tag.SPECIFIC_CHARACTER_SET));
    assertTrue(seg.string(Tag.PATIENT_NAME).isPresent() || seg.contains(Tag.PATIENT_NAME));
  }
}
