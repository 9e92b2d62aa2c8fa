package io.ctpipe.dicom.seg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.dicom.DicomReader;
import io.ctpipe.dicom.labelmap.LabelMapFiles;
import io.ctpipe.dicom.testing.Dciodvfy;
import io.ctpipe.dicom.testing.SharedData;
import io.ctpipe.dicom.volume.CtVolume;
import io.ctpipe.dicom.volume.LabelMap;
import io.ctpipe.dicom.volume.SeriesScanner;
import io.ctpipe.dicom.volume.VolumeAssembler;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * TotalSegmentator's reference segmentation of the shared CT series (NIfTI, LAS with a flipped row axis) placed on
 * the DICOM grid, checked against the counts and mean HU documented in shared/data/README.md, then written as SEG
 * with the built-in whole-body terminology.
 */
class TotalSegReferenceTest {
  @TempDir
  Path dir;

  private static CtVolume ct() throws Exception {
    DicomReader reader = new DicomReader();
    return new VolumeAssembler(reader).assemble(
        new SeriesScanner(reader).scan(SharedData.require("ct/totalseg-example")).series().get(0));
  }

  private static LabelMap labels(CtVolume ct) throws Exception {
    Path nifti = SharedData.require("reference/totalseg-example/example_seg_dicom.nii.gz");
    return LabelMapFiles.onGrid(LabelMapFiles.read(nifti), ct);
  }

  @Test
  void niftiLandsOnTheDicomGridAsDocumented() throws Exception {
    CtVolume ct = ct();
    LabelMap labels = labels(ct);
    long[] counts = labels.histogram();
    assertEquals(130634, counts[1], "spleen");
    assertEquals(366708, counts[5], "liver");
    assertEquals(23576, counts[32], "vertebrae_T12");
    assertEquals(15441, counts[117], "costal_cartilages");
    assertEquals(4503460, counts[0], "background");
    assertEquals(31, labels.presentLabels().length, "31 labels besides background");
    assertEquals(89, meanHu(ct, labels, 5), 1.0, "liver");
    assertEquals(80, meanHu(ct, labels, 1), 1.0, "spleen");
    assertEquals(177, meanHu(ct, labels, 52), 1.0, "aorta");
    assertEquals(267, meanHu(ct, labels, 32), 1.0, "T12");
  }

  @ParameterizedTest(name = "{0} SEG of the 31-label reference with the built-in terminology")
  @CsvSource({"BINARY", "LABELMAP"})
  void referenceBecomesAValidSeg(SegmentationType type) throws Exception {
    CtVolume ct = ct();
    LabelMap labels = labels(ct);
    Terminology terminology = Terminology.wholeBodyCt();
    List<SegmentDescription> segments = new ArrayList<>();
    for (int value : labels.presentLabels()) {
      String name = terminology.entries().stream().filter(d -> d.labelValue() == value).findFirst()
          .orElseThrow().label();
      segments.add(terminology.describe(value, name, null));
    }
    SegSeriesInfo info = SegSeriesInfo.forModel("totalsegmentator-reference", "2.0", "fast-ml", "test",
        LocalDateTime.of(2026, 11, 26, 12, 0));
    Path file = dir.resolve("totalseg.dcm");
    SegWriter.build(ct, labels, segments, info, type, true).write(file);
    Dciodvfy.assertValid(file, Dciodvfy.SOURCE_WARNINGS);
    Segmentation back = SegReader.read(new DicomReader().read(file));
    assertEquals(31, back.segments().size());
    Map<Integer, Long> counts = back.voxelCounts();
    long[] expected = labels.histogram();
    for (int i = 0; i < segments.size(); i++) {
      assertEquals(expected[segments.get(i).labelValue()], counts.get(i + 1), segments.get(i).label());
    }
    SegmentInfo kidneyOrRib = back.segments().stream().filter(s -> s.label().equals("rib_left_6")).findFirst()
        .orElseThrow();
    assertEquals("Left", kidneyOrRib.modifier().meaning());
  }

  @Test
  void builtInTerminologyCoversAllStructuresWithDistinctCodes() throws SegmentationException {
    List<SegmentDescription> all = Terminology.wholeBodyCt().entries();
    assertEquals(117, all.size());
    assertEquals(117, all.stream().map(d -> d.type().code() + "/" + (d.modifier() == null ? ""
        : d.modifier().code())).distinct().count(), "no two structures share type code and modifier");
    assertTrue(all.stream().allMatch(d -> d.type().scheme().equals("SCT") && d.category().scheme().equals("SCT")));
    SegmentationException e = org.junit.jupiter.api.Assertions.assertThrows(SegmentationException.class,
        () -> Terminology.wholeBodyCt().describe(200, "tumour_blob", null));
    assertTrue(e.getMessage().contains("label 200 'tumour_blob' has no codes"), e.getMessage());
    CodedConcept tissue = new CodedConcept("SCT", "85756007", "Tissue");
    assertEquals(tissue, Terminology.wholeBodyCt().describe(200, "tumour_blob", tissue).type());
    SegmentDescription card = new SegmentDescription(1, "liver", PhantomSegmentation.ANATOMY,
        new CodedConcept("SCT", "10200004", "Liver"), null, new int[] {1, 2, 3});
    Terminology overridden = Terminology.wholeBodyCt().withOverrides(List.of(card));
    assertEquals(117, overridden.entries().size(), "a card's entry replaces the table's");
    assertEquals(List.of(1, 2, 3), java.util.Arrays.stream(overridden.describe(5, "liver", null).rgb()).boxed()
        .toList());
    assertEquals(5, overridden.describe(5, "liver", null).labelValue());
  }

  private static double meanHu(CtVolume ct, LabelMap labels, int label) {
    double sum = 0;
    long n = 0;
    for (int i = 0; i < labels.labels().length; i++) {
      if (labels.label(i) == label) {
        sum += ct.hu(i);
        n++;
      }
    }
    return sum / n;
  }
}
