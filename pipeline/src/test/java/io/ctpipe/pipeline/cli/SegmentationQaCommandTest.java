package io.ctpipe.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctpipe.dicom.labelmap.NiftiCtVolume;
import io.ctpipe.dicom.labelmap.NiftiReader;
import io.ctpipe.dicom.labelmap.NiftiWriter;
import io.ctpipe.dicom.testing.SharedData;
import io.ctpipe.dicom.volume.LabelMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ctpipe qa segmentation} on the shared TotalSegmentator reference, SEGs, and every bad input. */
class SegmentationQaCommandTest {
  @TempDir
  Path dir;

  private static JsonNode qa(String... args) throws Exception {
    String[] all = new String[args.length + 3];
    all[0] = "qa";
    all[1] = "segmentation";
    all[2] = "--json";
    System.arraycopy(args, 0, all, 3, args.length);
    CtpipeCommandTest.Run run = CtpipeCommandTest.run(all);
    assertEquals(0, run.exitCode(), run.err());
    return new ObjectMapper().readTree(run.out());
  }

  private static String failure(String... args) {
    CtpipeCommandTest.Run run = CtpipeCommandTest.run(args);
    assertTrue(run.exitCode() != 0, run.out());
    return run.err();
  }

  private static Path referenceCt() {
    return SharedData.require("ct/totalseg-example");
  }

  private static Path referenceLabels() {
    return SharedData.require("reference/totalseg-example/example_seg_dicom.nii.gz");
  }

  @Test
  void totalSegmentatorReferenceRaisesOnlyTruncationOfItsFortyMillimetreSlab() throws Exception {
    JsonNode report = qa("--ct", referenceCt().toString(), "--labelmap", referenceLabels().toString());
    assertEquals(31, report.get("segments").size());
    assertEquals("z+", report.get("grid").get("superiorInferiorAxis").asText());
    assertEquals("midline structures", report.get("midline").get("source").asText());
    for (JsonNode flag : report.get("flags")) {
      assertEquals("TRUNCATED", flag.get("kind").asText(), flag.toString());
    }
    assertEquals("WARNING", report.get("worstSeverity").asText());
    JsonNode liver = segment(report, "liver");
    assertEquals(5, liver.get("labelValue").asInt());
    assertTrue(liver.get("facts").get("touchesSuperiorEnd").asBoolean());
    assertTrue(liver.get("facts").get("touchesInferiorEnd").asBoolean());
    assertEquals("[\"FRAGMENTED\",\"VOLUME\"]", liver.get("passed").toString(), "no lungs or bladder in the slab");
    assertEquals(1, liver.get("facts").get("components").asInt());
    JsonNode ribLeft = segment(report, "rib_left_8");
    assertTrue(ribLeft.get("facts").get("centroidMm").get(0).asDouble() > report.get("midline").get("leftMm")
        .asDouble(), "the patient's left is +x in LPS");
  }

  @Test
  void niftiReferenceOnItsThreeMillimetreCtFlagsOnlyItsSplitSmallPancreasBesidesTruncation() throws Exception {
    JsonNode report = qa("--ct", SharedData.require("reference/totalseg-nifti-example/example_ct_sm.nii.gz")
        .toString(), "--labelmap", SharedData.require("reference/totalseg-nifti-example/example_seg.nii.gz")
        .toString());
    for (JsonNode flag : report.get("flags")) {
      boolean pancreas = flag.get("structure").asText().equals("pancreas");
      assertEquals(pancreas ? "WARNING" : "TRUNCATED", pancreas ? flag.get("severity").asText()
          : flag.get("kind").asText(), flag.toString());
    }
    JsonNode pancreas = segment(report, "pancreas");
    assertEquals(2, pancreas.get("flags").size());
    assertEquals(3, pancreas.get("facts").get("components").asInt());
    assertEquals(17.388, pancreas.get("facts").get("volumeMl").asDouble(), 1e-9);
    assertEquals("[\"LATERALITY\",\"FRAGMENTED\",\"VOLUME\"]", segment(report, "kidney_left").get("passed")
        .toString());
    assertTrue(segment(report, "liver").get("passed").toString().contains("ORDER"), "lungs above the liver");
  }

  @Test
  void segWrittenByCtpipeGivesTheLabelMapsFacts() throws Exception {
    Path seg = dir.resolve("reference-seg.dcm");
    CtpipeCommandTest.Run write = CtpipeCommandTest.run("seg-from-labelmap", "--source", referenceCt().toString(),
        "--labelmap", referenceLabels().toString(), "--out", seg.toString(), "--algorithm-type", "automatic",
        "--algorithm", "TotalSegmentator", "--algorithm-version", "reference");
    assertEquals(0, write.exitCode(), write.err());
    JsonNode fromSeg = qa("--ct", referenceCt().toString(), "--seg", seg.toString());
    JsonNode fromLabelMap = qa("--ct", referenceCt().toString(), "--labelmap", referenceLabels().toString());
    assertEquals(byName(fromLabelMap), byName(fromSeg));
    assertEquals(fromLabelMap.get("flags").size(), fromSeg.get("flags").size());
  }

  private static Map<String, String> byName(JsonNode report) {
    Map<String, String> out = new TreeMap<>();
    report.get("segments").forEach(s -> out.put(s.get("name").asText(), s.get("facts").toString()));
    return out;
  }

  @Test
  void overlappingSharedSegMeasuresEachSegmentWhole() throws Exception {
    JsonNode report = qa("--ct", SharedData.require("ct/pydicom-ct2-tiny").toString(), "--seg",
        SharedData.require("seg-examples/highdicom-ct/seg_image_ct_binary_overlap.dcm").toString());
    assertEquals("16 voxels belong to more than one segment; each segment was measured alone",
        report.get("warnings").get(0).asText());
    assertEquals(64, segment(report, "first_segment").get("facts").get("voxels").asInt());
    assertEquals(16, segment(report, "second_segment").get("facts").get("voxels").asInt());
    assertEquals("no reference volume for first_segment",
        segment(report, "first_segment").get("notChecked").get(0).get("reason").asText());
  }

  private static JsonNode segment(JsonNode report, String name) {
    for (JsonNode s : report.get("segments")) {
      if (s.get("name").asText().equals(name)) {
        return s;
      }
    }
    throw new AssertionError("no segment " + name + " in " + report);
  }

  @Test
  void missingFilesAreNamed() {
    Path absent = dir.resolve("absent.nii.gz");
    assertEquals("--ct " + absent + ": no such file or folder", firstLine(failure("qa", "segmentation", "--ct",
        absent.toString(), "--labelmap", referenceLabels().toString())));
    assertEquals("--labelmap " + absent + ": no such file or folder", firstLine(failure("qa", "segmentation",
        "--ct", referenceCt().toString(), "--labelmap", absent.toString())));
    assertEquals("--seg " + absent + ": no such file or folder", firstLine(failure("qa", "segmentation",
        "--ct", referenceCt().toString(), "--seg", absent.toString())));
  }

  @Test
  void labelMapOffTheCtGridIsRefused() {
    String err = failure("qa", "segmentation", "--ct",
        SharedData.require("reference/totalseg-nifti-example/example_ct.nii.gz").toString(), "--labelmap",
        SharedData.require("reference/totalseg-nifti-example/example_seg.nii.gz").toString());
    assertTrue(err.contains("the label map is not on the CT grid (file grid 122x101x30)"), err);
  }

  @Test
  void unknownLabelValueIsRefused() throws Exception {
    NiftiCtVolume ct = NiftiReader.readCt(SharedData.require("reference/totalseg-nifti-example/example_ct_sm.nii.gz"));
    LabelMap labels = LabelMap.empty(ct.dims());
    labels.set(1000, 200);
    labels.set(2000, 5);
    Path file = dir.resolve("unknown.nii.gz");
    NiftiWriter.write(labels, ct, file);
    Path ctFile = SharedData.require("reference/totalseg-nifti-example/example_ct_sm.nii.gz");
    assertEquals("ctpipe qa segmentation: label value 200 occurs in unknown.nii.gz but is not in the built-in "
        + "TotalSegmentator 'total' table; name it with --labels", firstLine(failure("qa", "segmentation", "--ct",
        ctFile.toString(), "--labelmap", file.toString())));
    Path json = dir.resolve("names.json");
    Files.writeString(json, "[{\"value\": 5, \"label\": \"liver\"}]");
    assertEquals("ctpipe qa segmentation: label value 200 occurs in unknown.nii.gz but is not named in names.json",
        firstLine(failure("qa", "segmentation", "--ct", ctFile.toString(), "--labelmap", file.toString(),
            "--labels", json.toString())));
  }

  @Test
  void segNeedsItsDicomCtAndItsOwnNames() {
    String seg = SharedData.require("seg-examples/highdicom-ct/seg_image_ct_binary.dcm").toString();
    assertEquals("--seg needs the DICOM CT series the SEG refers to, not example_ct_sm.nii.gz",
        firstLine(failure("qa", "segmentation", "--ct",
            SharedData.require("reference/totalseg-nifti-example/example_ct_sm.nii.gz").toString(), "--seg", seg)));
    assertEquals("--labels names label map values; a SEG names its own segments", firstLine(failure("qa",
        "segmentation", "--ct", SharedData.require("ct/pydicom-ct2-tiny").toString(), "--seg", seg, "--labels",
        seg)));
    assertTrue(failure("qa", "segmentation", "--ct", referenceCt().toString(), "--seg", seg, "--labelmap",
        referenceLabels().toString()).contains("mutually exclusive"));
  }

  private static String firstLine(String text) {
    return text.lines().findFirst().orElse("");
  }
}
