package io.ctpipe.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctpipe.dicom.phantom.PhantomSeriesWriter;
import io.ctpipe.dicom.phantom.PhantomSpec;
import io.ctpipe.dicom.testing.CraftedUids;
import io.ctpipe.dicom.testing.Dciodvfy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** models build and segment as a user runs them, with the analytic tissue-ct model on a phantom. */
class SegmentCommandTest {
  @TempDir
  Path dir;

  @Test
  void segmentWritesLabelMapReportAndValidSeg() throws Exception {
    Path zoo = dir.resolve("zoo");
    CtpipeCommandTest.Run build = CtpipeCommandTest.run("models", "build", "--out", zoo.toString(), "--only",
        "tissue-ct");
    assertEquals(0, build.exitCode(), build.err());
    assertTrue(build.out().startsWith("tissue-ct: "), build.out());
    Path ct = dir.resolve("ct");
    CtpipeCommandTest.run("phantom", "--out", ct.toString(), "--dims", "64x56x40", "--spacing", "5,5,6");
    Path out = dir.resolve("out");
    CtpipeCommandTest.Run segment = CtpipeCommandTest.run("segment", "--model",
        zoo.resolve("tissue-ct.card.json").toString(), "--input", ct.toString(), "--out", out.toString(),
        "--overlap", "0.5", "--skip-air", "-900");
    assertEquals(0, segment.exitCode(), segment.err());
    assertTrue(segment.out().contains("4 labels; wrote"), segment.out());

    JsonNode report = new ObjectMapper().readTree(out.resolve("segment.json").toFile());
    assertEquals("tissue-ct", report.get("model").get("id").asText());
    assertEquals(0.5, report.get("tiling").get("overlap").asDouble());
    assertEquals("onednn", report.get("inference").get("runtime").asText(), "auto runs tissue-ct on oneDNN");
    assertEquals("fp32", report.get("inference").get("precision").asText());
    assertTrue(segment.out().contains("(onednn/fp32)"), segment.out());
    JsonNode windows = report.get("windows");
    assertEquals(windows.get("total").asInt(), windows.get("run").asInt() + windows.get("skipped").asInt());
    assertTrue(report.get("memory").get("peakAccumulationBytes").asLong() > 0);
    assertTrue(report.get("memory").get("peakRssBytes").asLong() > 0);
    assertEquals("lung", report.get("labels").get(0).get("label").asText());
    assertTrue(report.get("labels").get(0).get("ml").asDouble() > 100, "the phantom's lungs hold litres");
    assertTrue(Files.size(out.resolve("labelmap.nii.gz")) > 0);
    Path seg;
    try (Stream<Path> files = Files.list(out)) {
      seg = files.filter(p -> p.toString().endsWith(".seg.dcm")).findFirst().orElseThrow();
    }
    Dciodvfy.assertValid(seg);
    JsonNode info = new ObjectMapper().readTree(CtpipeCommandTest.run("seg-info", "--json", seg.toString()).out());
    assertEquals(4, info.get("segments").size());
    assertEquals(report.get("labels").get(3).get("voxels").asLong(), info.get("segments").get(3).get("voxels")
        .asLong(), "bone voxels in SEG and report agree");
  }

  @Test
  void anAbsoluteSeriesUidWritesNoSegOutsideOut() throws Exception {
    Path zoo = dir.resolve("zoo");
    CtpipeCommandTest.run("models", "build", "--out", zoo.toString(), "--only", "tissue-ct");
    PhantomSeriesWriter.Written ct = PhantomSeriesWriter.write(PhantomSpec.of(new int[] {32, 32, 12},
        new double[] {8, 8, 10}, 3), dir.resolve("ct"));
    String crafted = CraftedUids.replace(ct.folder(), ct.seriesInstanceUid(), dir.resolve("x").toString());
    Path out = dir.resolve("out");
    CtpipeCommandTest.Run segment = CtpipeCommandTest.run("segment", "--model",
        zoo.resolve("tissue-ct.card.json").toString(), "--input", ct.folder().toString(), "--out", out.toString());
    assertEquals(0, segment.exitCode(), segment.err());
    assertTrue(segment.out().contains("no SEG written: SeriesInstanceUID is not a DICOM UID (PS3.5 9.1): it holds a "
        + "character other than digits and dots"), segment.out());
    assertFalse(Files.exists(Path.of(crafted + ".seg.dcm")));
    assertTrue(Files.isRegularFile(out.resolve("labelmap.nii.gz")), "the label map is still written");
  }

  @Test
  void runtimeAndPrecisionAreChosenOnTheCommandLineAndReported() throws Exception {
    Path zoo = dir.resolve("zoo");
    CtpipeCommandTest.run("models", "build", "--out", zoo.toString(), "--only", "tissue-ct");
    Path ct = dir.resolve("ct");
    CtpipeCommandTest.run("phantom", "--out", ct.toString(), "--dims", "48x40x30", "--spacing", "6,6,6");
    String card = zoo.resolve("tissue-ct.card.json").toString();
    Path ort = dir.resolve("ort");
    CtpipeCommandTest.Run onOrt = CtpipeCommandTest.run("segment", "--model", card, "--input", ct.toString(), "--out",
        ort.toString(), "--runtime", "onnxruntime");
    assertEquals(0, onOrt.exitCode(), onOrt.err());
    assertEquals("onnxruntime", new ObjectMapper().readTree(ort.resolve("segment.json").toFile()).get("inference")
        .get("runtime").asText());
    Path bf16 = dir.resolve("bf16");
    CtpipeCommandTest.Run onBf16 = CtpipeCommandTest.run("segment", "--model", card, "--input", ct.toString(),
        "--out", bf16.toString(), "--precision", "BF16");
    assertEquals(0, onBf16.exitCode(), onBf16.err());
    JsonNode inference = new ObjectMapper().readTree(bf16.resolve("segment.json").toFile()).get("inference");
    assertEquals("onednn", inference.get("runtime").asText());
    assertEquals("bf16", inference.get("precision").asText());
    assertTrue(inference.get("fp32Guard").asText().startsWith("windows with at least 95 %"), inference.toString());
    long windows = new ObjectMapper().readTree(bf16.resolve("segment.json").toFile()).get("windows").get("run")
        .asLong();
    assertTrue(inference.get("windowsInFp32").asLong() <= windows, inference.toString());
    CtpipeCommandTest.Run refused = CtpipeCommandTest.run("segment", "--model", card, "--input", ct.toString(),
        "--out", dir.resolve("x").toString(), "--runtime", "onnxruntime", "--precision", "bf16");
    assertEquals(1, refused.exitCode());
    assertTrue(refused.err().contains("bf16 needs --runtime onednn (or auto)"), refused.err());
    CtpipeCommandTest.Run unknown = CtpipeCommandTest.run("segment", "--model", card, "--input", ct.toString(),
        "--out", dir.resolve("y").toString(), "--precision", "fp8");
    assertEquals(2, unknown.exitCode());
    assertTrue(unknown.err().contains("--precision") && unknown.err().contains("fp8"), unknown.err());
  }

  @Test
  void badModelCardAndAccumulationAreExplained() throws Exception {
    Files.writeString(dir.resolve("card.json"), "{\"id\": \"x\"}");
    CtpipeCommandTest.Run bad = CtpipeCommandTest.run("segment", "--model", dir.resolve("card.json").toString(),
        "--input", dir.toString(), "--out", dir.resolve("o").toString());
    assertEquals(1, bad.exitCode());
    assertTrue(bad.err().contains("card.json: missing required field 'file'"), bad.err());
    CtpipeCommandTest.Run acc = CtpipeCommandTest.run("segment", "--model", "m", "--input", "i", "--out", "o",
        "--accumulation", "sometimes");
    assertEquals(2, acc.exitCode());
    assertTrue(acc.err().contains("expected full, streaming, streaming-fp16 or topk, got 'sometimes'"), acc.err());
    CtpipeCommandTest.Run profile = CtpipeCommandTest.run("segment", "--model", "m", "--input", "i", "--out", "o",
        "--profile", "turbo");
    assertEquals(2, profile.exitCode());
    assertTrue(profile.err().contains("profile 'turbo' is not fast, balanced or accurate"), profile.err());
  }

  @Test
  void badSlidingWindowSettingsAreRefusedBeforeAnyFileIsRead() {
    String[][] refused = {
        {"--overlap", "1.5", "Invalid value for option '--overlap': overlap 1.5 must be in [0, 1)"},
        {"--overlap", "half", "Invalid value for option '--overlap': 'half' is not a number"},
        {"--batch", "0", "Invalid value for option '--batch': batch must be at least 1, got 0"},
        {"--topk", "9", "Invalid value for option '--topk': top-k needs K in [1, 7], got 9"},
        {"--plane-tile", "-4", "Invalid value for option '--plane-tile': plane tile must be 0 (whole plane) or a "
            + "positive voxel count, got -4"}};
    for (String[] bad : refused) {
      // neither the card nor the input exists: the setting is refused before either is read
      CtpipeCommandTest.Run run = CtpipeCommandTest.run("segment", "--model", "missing.card.json", "--input",
          "missing", "--out", dir.resolve("o").toString(), bad[0], bad[1]);
      assertEquals(2, run.exitCode(), run.err());
      assertTrue(run.err().contains(bad[2]), run.err());
    }
    CtpipeCommandTest.Run both = CtpipeCommandTest.run("segment", "--model", "missing.card.json", "--input",
        "missing", "--out", dir.resolve("o").toString(), "--accumulation", "full", "--plane-tile", "64");
    assertEquals(2, both.exitCode(), both.err());
    assertTrue(both.err().contains("--plane-tile 64 with --accumulation full: plane tiles bound the streaming "
        + "accumulations; FULL holds the whole volume"), both.err());
    assertFalse(Files.exists(dir.resolve("o")), "nothing written");
  }

  @Test
  void profileAndTopKAreAppliedAndReported() throws Exception {
    Path zoo = dir.resolve("zoo");
    CtpipeCommandTest.run("models", "build", "--out", zoo.toString(), "--only", "tissue-ct");
    Path ct = dir.resolve("ct");
    CtpipeCommandTest.run("phantom", "--out", ct.toString(), "--dims", "48x40x30", "--spacing", "6,6,6");
    String card = zoo.resolve("tissue-ct.card.json").toString();
    Path fast = dir.resolve("fast");
    CtpipeCommandTest.Run run = CtpipeCommandTest.run("segment", "--model", card, "--input", ct.toString(), "--out",
        fast.toString(), "--profile", "fast", "--topk", "2");
    assertEquals(0, run.exitCode(), run.err());
    JsonNode report = new ObjectMapper().readTree(fast.resolve("segment.json").toFile());
    JsonNode tiling = report.get("tiling");
    assertEquals("fast", tiling.get("profile").asText());
    assertEquals("TOPK", tiling.get("accumulation").asText());
    assertEquals(2, tiling.get("topK").asInt(), "--topk overrides the profile's K");
    assertEquals(0.0, tiling.get("overlap").asDouble());
    assertEquals("fp32", report.get("inference").get("precision").asText(), "the card's precision");
    JsonNode proven = report.get("labelsProvenEqualToFull");
    assertTrue(proven.get("voxels").asLong() > 0.9 * proven.get("of").asLong(), proven.toString());
    Path accurate = dir.resolve("accurate");
    CtpipeCommandTest.Run exact = CtpipeCommandTest.run("segment", "--model", card, "--input", ct.toString(),
        "--out", accurate.toString(), "--profile", "accurate", "--plane-tile", "8");
    assertEquals(0, exact.exitCode(), exact.err());
    JsonNode accurateReport = new ObjectMapper().readTree(accurate.resolve("segment.json").toFile());
    assertEquals("STREAMING", accurateReport.get("tiling").get("accumulation").asText());
    assertEquals("fp32", accurateReport.get("inference").get("precision").asText());
    assertEquals(accurateReport.get("labelsProvenEqualToFull").get("of").asLong(),
        accurateReport.get("labelsProvenEqualToFull").get("voxels").asLong(), "STREAMING labels equal FULL");
  }
}
