package io.ctpipe.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctpipe.dicom.DicomDataset;
import io.ctpipe.dicom.DicomReader;
import io.ctpipe.dicom.Tag;
import io.ctpipe.dicom.testing.Dciodvfy;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** seg-from-labelmap and seg-info on a phantom series with a label map written as NRRD. */
class SegCommandsTest {
  private static final int NX = 20;
  private static final int NY = 16;
  private static final int NZ = 6;

  @TempDir
  Path dir;

  private Path ct;
  private Path nrrd;
  private Path labels;

  @BeforeEach
  void phantomAndLabelMap() throws Exception {
    ct = dir.resolve("ct");
    assertEquals(0, CtpipeCommandTest.run("phantom", "--out", ct.toString(), "--dims", NX + "x" + NY + "x" + NZ,
        "--spacing", "10,10,5").exitCode());
    // the phantom's origin: centred grid, slices along +z
    double x0 = -(NX - 1) / 2.0 * 10;
    double y0 = -(NY - 1) / 2.0 * 10;
    double z0 = -(NZ - 1) / 2.0 * 5;
    short[] voxels = new short[NX * NY * NZ];
    for (int z = 0; z < NZ; z++) {
      for (int y = 4; y < 8; y++) {
        for (int x = 3; x < 9; x++) {
          voxels[x + NX * (y + NY * z)] = (short) (z < 3 ? 5 : 9);
        }
      }
    }
    ByteBuffer data = ByteBuffer.allocate(voxels.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    data.asShortBuffer().put(voxels);
    String header = "NRRD0004\ntype: short\ndimension: 3\nspace: left-posterior-superior\nsizes: " + NX + " " + NY
        + " " + NZ + "\nspace directions: (10,0,0) (0,10,0) (0,0,5)\nkinds: domain domain domain\nendian: little\n"
        + "encoding: raw\nspace origin: (" + x0 + "," + y0 + "," + z0 + ")\n\n";
    nrrd = dir.resolve("labels.nrrd");
    Files.write(nrrd, concat(header.getBytes(StandardCharsets.US_ASCII), data.array()));
    labels = dir.resolve("labels.json");
    Files.writeString(labels, """
        [ {"value": 5, "label": "Liver", "category": {"scheme": "SCT", "code": "123037004", "meaning": "Anatomical Structure"},
           "type": {"scheme": "SCT", "code": "10200004", "meaning": "Liver"}, "color": [221, 130, 101]},
          {"value": 9, "label": "kidney_left"} ]
        """);
  }

  @Test
  void labelMapBecomesSegAndSegInfoReportsIt() throws Exception {
    Path seg = dir.resolve("out.dcm");
    CtpipeCommandTest.Run write = CtpipeCommandTest.run("seg-from-labelmap", "--source", ct.toString(),
        "--labelmap", nrrd.toString(), "--labels", labels.toString(), "--out", seg.toString(), "--type", "binary",
        "--algorithm-type", "automatic", "--algorithm", "test-model", "--algorithm-version", "1.0");
    assertEquals(0, write.exitCode(), write.err());
    assertTrue(write.out().startsWith("wrote BINARY SEG with 2 segment(s) and 6 frame(s)"), write.out());
    Dciodvfy.assertValid(seg);

    CtpipeCommandTest.Run info = CtpipeCommandTest.run("seg-info", "--json", seg.toString());
    assertEquals(0, info.exitCode(), info.err());
    JsonNode json = new ObjectMapper().readTree(info.out());
    assertEquals("1.2.840.10008.5.1.4.1.1.66.4", json.get("sopClassUid").asText());
    assertEquals("BINARY", json.get("segmentationType").asText());
    assertEquals(6, json.get("frames").asInt());
    assertEquals(NY, json.get("rows").asInt());
    assertEquals(NX, json.get("columns").asInt());
    assertTrue(json.get("referencedSeriesInstanceUid").asText().startsWith("2.25."));
    JsonNode liver = json.get("segments").get(0);
    assertEquals(1, liver.get("number").asInt());
    assertEquals("Liver", liver.get("label").asText());
    assertEquals("10200004", liver.get("type").get("code").asText());
    assertEquals("123037004", liver.get("category").get("code").asText());
    assertEquals(3 * 4 * 6, liver.get("voxels").asLong());
    JsonNode kidney = json.get("segments").get(1);
    assertEquals("64033007", kidney.get("type").get("code").asText(), "codes from the built-in terminology");
    assertEquals(3 * 4 * 6, kidney.get("voxels").asLong());

    Path labelMapSeg = dir.resolve("lm.dcm");
    assertEquals(0, CtpipeCommandTest.run("seg-from-labelmap", "--source", ct.toString(), "--labelmap",
        nrrd.toString(), "--labels", labels.toString(), "--out", labelMapSeg.toString(), "--type", "labelmap",
        "--algorithm-type", "manual").exitCode());
    Dciodvfy.assertValid(labelMapSeg);
    JsonNode lm = new ObjectMapper().readTree(CtpipeCommandTest.run("seg-info", "--json", labelMapSeg.toString())
        .out());
    assertEquals("LABELMAP", lm.get("segmentationType").asText());
    assertEquals(NZ, lm.get("frames").asInt());
    assertEquals(3 * 4 * 6, lm.get("segments").get(1).get("voxels").asLong());
  }

  @Test
  void badInputsAreExplainedInOneLine() throws Exception {
    Files.writeString(labels, "[{\"value\": 5, \"label\": \"mystery_blob\"}, {\"value\": 9, \"label\": \"Liver\"}]");
    CtpipeCommandTest.Run unknown = CtpipeCommandTest.run("seg-from-labelmap", "--source", ct.toString(),
        "--labelmap", nrrd.toString(), "--labels", labels.toString(), "--out", dir.resolve("x.dcm").toString(),
        "--algorithm-type", "manual");
    assertEquals(1, unknown.exitCode());
    assertTrue(unknown.err().startsWith("ctpipe seg-from-labelmap: "), unknown.err());
    assertTrue(unknown.err().contains("label 5 'mystery_blob' has no codes"), unknown.err());

    CtpipeCommandTest.Run fallback = CtpipeCommandTest.run("seg-from-labelmap", "--source", ct.toString(),
        "--labelmap", nrrd.toString(), "--labels", labels.toString(), "--out", dir.resolve("x.dcm").toString(),
        "--fallback-code", "SCT,85756007,Tissue", "--algorithm-type", "manual");
    assertEquals(0, fallback.exitCode(), fallback.err());
    Dciodvfy.assertValid(dir.resolve("x.dcm"));

    Path wrongGrid = dir.resolve("small.nrrd");
    Files.write(wrongGrid, concat(("NRRD0004\ntype: uchar\ndimension: 3\nsizes: 2 2 2\nencoding: raw\n\n")
        .getBytes(StandardCharsets.US_ASCII), new byte[8]));
    CtpipeCommandTest.Run grid = CtpipeCommandTest.run("seg-from-labelmap", "--source", ct.toString(),
        "--labelmap", wrongGrid.toString(), "--out", dir.resolve("y.dcm").toString(), "--algorithm-type", "manual");
    assertEquals(1, grid.exitCode());
    assertTrue(grid.err().contains("the label map is not on the CT grid"), grid.err());

    CtpipeCommandTest.Run notSeg = CtpipeCommandTest.run("seg-info", ct.resolve("CT000001.dcm").toString());
    assertEquals(1, notSeg.exitCode());
    assertTrue(notSeg.err().contains("SegmentationType is ''; expected BINARY, FRACTIONAL or LABELMAP"),
        notSeg.err());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "manual||MANUAL|||",
      "manual --algorithm 3D-Slicer --algorithm-version 5.6 --creator Doe^Jane|Doe^Jane|MANUAL|||",
      "semiautomatic --algorithm 3D-Slicer --algorithm-version 5.6|"
          + "|SEMIAUTOMATIC|3D-Slicer|5.6|123109",
      "automatic --algorithm TotalSegmentator --algorithm-version 2.0|ctpipe^automatic|AUTOMATIC|TotalSegmentator|2.0|"
          + "123110"})
  void theStatedAlgorithmTypeIsWritten(String options, String creator, String type, String name, String version,
      String family) throws Exception {
    Path seg = dir.resolve("typed.dcm");
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("seg-from-labelmap", "--source",
        ct.toString(), "--labelmap", nrrd.toString(), "--labels", labels.toString(), "--out", seg.toString(),
        "--algorithm-type"));
    args.addAll(java.util.List.of(options.split(" ")));
    CtpipeCommandTest.Run write = CtpipeCommandTest.run(args.toArray(String[]::new));
    assertEquals(0, write.exitCode(), write.err());
    Dciodvfy.assertValid(seg);
    DicomDataset ds = new DicomReader().read(seg).dataset();
    if (options.contains("3D-Slicer")) {
      assertEquals("3D-Slicer", ds.string(Tag.MANUFACTURER_MODEL_NAME, ""), "a named tool is in the equipment");
    }
    assertEquals(creator == null ? "" : creator, ds.string(Tag.CONTENT_CREATOR_NAME, ""));
    for (DicomDataset segment : ds.sequence(Tag.SEGMENT_SEQUENCE)) {
      assertEquals(type, segment.string(Tag.SEGMENT_ALGORITHM_TYPE, ""));
      assertEquals(name == null ? "" : name, segment.string(Tag.SEGMENT_ALGORITHM_NAME, ""));
      java.util.List<DicomDataset> identification =
          segment.sequence(Tag.SEGMENTATION_ALGORITHM_IDENTIFICATION_SEQUENCE);
      assertEquals(version == null, identification.isEmpty(), "identification only with a version");
      if (version != null) {
        assertEquals(version, identification.get(0).string(Tag.ALGORITHM_VERSION, ""));
        assertEquals(family, identification.get(0).sequence(Tag.ALGORITHM_FAMILY_CODE_SEQUENCE).get(0)
            .string(0x00080100, ""), "Code Value of the algorithm family");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "--algorithm-type automatic --algorithm TotalSegmentator|--algorithm-type automatic: an automatic "
          + "segmentation needs an algorithm name and version",
      "--algorithm-type semiautomatic|--algorithm-type semiautomatic: a semi-automatic segmentation needs the name of "
          + "the algorithm that assisted",
      "--algorithm-type manual --algorithm-version 2|--algorithm-type manual: an algorithm version (2) needs an "
          + "algorithm name",
      "--algorithm manual|Missing required option: '--algorithm-type=<algorithmType>'",
      "--algorithm-type robot|Invalid value for option '--algorithm-type': expected one of [MANUAL, SEMIAUTOMATIC, "
          + "AUTOMATIC]"})
  void anAlgorithmTypeWithoutWhatItNeedsIsRefused(String options, String message) throws Exception {
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("seg-from-labelmap", "--source",
        ct.toString(), "--labelmap", nrrd.toString(), "--labels", labels.toString(), "--out",
        dir.resolve("z.dcm").toString()));
    args.addAll(java.util.List.of(options.split(" ")));
    CtpipeCommandTest.Run run = CtpipeCommandTest.run(args.toArray(String[]::new));
    assertTrue(run.exitCode() != 0);
    assertTrue(run.err().contains(message), run.err());
    assertTrue(!Files.exists(dir.resolve("z.dcm")));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
