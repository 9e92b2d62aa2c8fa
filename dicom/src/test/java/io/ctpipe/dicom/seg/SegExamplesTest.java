package io.ctpipe.dicom.seg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctpipe.dicom.DicomReader;
import io.ctpipe.dicom.labelmap.LabelMapFiles;
import io.ctpipe.dicom.testing.ExternalTools;
import io.ctpipe.dicom.testing.SharedData;
import io.ctpipe.dicom.volume.CtVolume;
import io.ctpipe.dicom.volume.LabelMap;
import io.ctpipe.dicom.volume.SeriesScanner;
import io.ctpipe.dicom.volume.VolumeAssembler;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every SEG of shared/data/seg-examples read with the segments, frames and masks the README and pydicom give. */
class SegExamplesTest {
  private final DicomReader reader = new DicomReader();

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "highdicom-ct/seg_image_ct_binary.dcm, BINARY, 3, 1",
      "highdicom-ct/seg_image_ct_binary_overlap.dcm, BINARY, 8, 2",
      "highdicom-ct/seg_image_ct_binary_fractional.dcm, FRACTIONAL, 3, 1",
      "highdicom-ct/seg_image_ct_true_fractional.dcm, FRACTIONAL, 3, 1",
      "highdicom-ct/seg_image_ct_binary_single_frame.dcm, BINARY, 1, 1",
      "dcmqi-qin-headneck-pet/seg.dcm, BINARY, 13, 1",
      "dcmqi-synthetic-23x38x3/seg/label.seg, BINARY, 3, 1",
      "dcmqi-synthetic-24x38x3/seg/label.seg, BINARY, 3, 1",
      "dcmqi-synthetic-24x38x3/labelmap/sparse-labelmap-noppv.dcm, LABELMAP, 2, 2",
      "dcmqi-synthetic-24x38x3/labelmap/sparse-labelmap-ppv5.dcm, LABELMAP, 2, 2"})
  void readsAsDocumentedAndAsPydicomCounts(String relative, SegmentationType type, int frames, int segments)
      throws Exception {
    Path file = SharedData.require("seg-examples/" + relative);
    Segmentation seg = SegReader.read(reader.read(file));
    assertEquals(type, seg.type());
    assertEquals(frames, seg.frames().size());
    assertEquals(segments, seg.segments().size());

    ExternalTools.requirePythonModule("pydicom");
    ExternalTools.Output out = ExternalTools.run(List.of(ExternalTools.PYTHON,
        ExternalTools.script("seg_voxels.py").toString(), file.toString()));
    assertEquals(0, out.exitCode(), out.stderr());
    JsonNode expected = new ObjectMapper().readTree(out.stdout());
    assertEquals(expected.get("rows").asInt(), seg.rows());
    assertEquals(expected.get("columns").asInt(), seg.columns());
    Map<Integer, Long> counts = seg.voxelCounts();
    for (SegmentInfo s : seg.segments()) {
      assertEquals(expected.get("voxels").get(Integer.toString(s.number())).asLong(), counts.get(s.number()),
          relative + " segment " + s.number());
    }
  }

  @Test
  void segmentMetadataIsRead() throws Exception {
    Segmentation overlap = SegReader.read(reader.read(
        SharedData.require("seg-examples/highdicom-ct/seg_image_ct_binary_overlap.dcm")));
    assertEquals("272673000", overlap.segments().get(0).type().code());
    assertEquals("421060004", overlap.segments().get(1).type().code());
    Segmentation qin = SegReader.read(reader.read(SharedData.require("seg-examples/dcmqi-qin-headneck-pet/seg.dcm")));
    assertEquals("SRT", qin.segments().get(0).type().scheme(), "retired SRT codes are read as stored");
    assertEquals("M-80003", qin.segments().get(0).type().code());
    Segmentation labelMap = SegReader.read(reader.read(
        SharedData.require("seg-examples/dcmqi-synthetic-24x38x3/labelmap/sparse-labelmap-noppv.dcm")));
    assertEquals("125040", labelMap.segments().get(0).type().code());
    assertEquals("10200004", labelMap.segments().get(1).type().code());
  }

  /** dcmqi's synthetic SEGs hold the NRRD label map they were made from; frames of 23x38 start mid-byte. */
  @ParameterizedTest(name = "{0}: masks equal {1}")
  @CsvSource({
      "dcmqi-synthetic-23x38x3/seg/label.seg, dcmqi-synthetic-23x38x3/nrrd/label.nrrd, dcmqi-synthetic-23x38x3/image",
      "dcmqi-synthetic-24x38x3/seg/label.seg, dcmqi-synthetic-24x38x3/nrrd/label.nrrd, dcmqi-synthetic-24x38x3/image",
      "dcmqi-synthetic-24x38x3/labelmap/sparse-labelmap-noppv.dcm, "
          + "dcmqi-synthetic-24x38x3/labelmap/sparse_labelmap_noppv_seg.nrrd, dcmqi-synthetic-24x38x3/image",
      "dcmqi-synthetic-24x38x3/labelmap/sparse-labelmap-ppv5.dcm, "
          + "dcmqi-synthetic-24x38x3/labelmap/sparse_labelmap_ppv5_seg.nrrd, dcmqi-synthetic-24x38x3/image"})
  void masksEqualTheSourceLabelMap(String seg, String nrrd, String image) throws Exception {
    CtVolume ct = new VolumeAssembler(reader).assemble(new SeriesScanner(reader)
        .scan(SharedData.require("seg-examples/" + image)).series().get(0));
    LabelMap expected = LabelMapFiles.onGrid(LabelMapFiles.read(SharedData.require("seg-examples/" + nrrd)), ct);
    Segmentation segmentation = SegReader.read(reader.read(SharedData.require("seg-examples/" + seg)));
    SegmentInfo liver = segmentation.segments().stream().filter(s -> s.number() == 1).findFirst().orElseThrow();
    boolean[] mask = segmentation.mask(liver.number(), ct);
    int set = 0;
    for (int i = 0; i < mask.length; i++) {
      assertEquals(expected.label(i) == 1, mask[i], "voxel " + i);
      set += mask[i] ? 1 : 0;
    }
    assertEquals(true, set > 0);
  }
}
