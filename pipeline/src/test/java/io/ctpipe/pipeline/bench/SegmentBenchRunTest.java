package io.ctpipe.pipeline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctpipe.pipeline.command.CommandLines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What a benchmark's child JVM runs ({@link BenchMain}): one configuration in, one JSON line and a label file out. */
class SegmentBenchRunTest {
  @TempDir
  Path dir;

  @Test
  void oneConfigurationPrintsTheFieldsItsParentsReadAndWritesItsLabels() throws Exception {
    Path labels = dir.resolve("labels.bin");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = CommandLines.of(new SegmentBenchRun());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute("--model", "class-probe-4", "--work", dir.toString(), "--dims", "40x36x30", "--overlaps",
        "0", "--accumulations", "topk", "--topks", "2", "--warmup", "0", "--labels-out", labels.toString());

    assertEquals(0, code, err.toString());
    JsonNode r = BenchJson.MAPPER.readTree(out.toString().lines().reduce((a, b) -> b).orElseThrow());
    for (String field : new String[] {"runtime", "windowsRun", "windowsTotal", "wallSeconds", "secondsPerWindow",
        "gflops", "peakRssBytes", "accumulationBytes", "exactVoxels", "voxels", "dims"}) {
      assertTrue(r.has(field), field + " missing from " + r);
    }
    assertEquals("40x36x30", r.get("dims").asText());
    assertEquals("TOPK", r.get("settings").get("accumulation").asText());
    assertEquals(2, r.get("settings").get("topK").asInt());
    assertEquals(40 * 36 * 30, LabelComparison.read(labels).length);
  }

  @Test
  void withAWarmUpItReportsTheIsolatedWindowTime() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cli = CommandLines.of(new SegmentBenchRun());
    cli.setOut(new PrintWriter(out, true));
    int code = cli.execute("--model", "class-probe-4", "--work", dir.toString(), "--dims", "40x36x30", "--overlaps",
        "0", "--accumulations", "streaming_fp16", "--warmup", "2", "--threads", "2");

    assertEquals(0, code);
    JsonNode r = BenchJson.MAPPER.readTree(out.toString().lines().reduce((a, b) -> b).orElseThrow());
    assertTrue(r.get("isolatedSecondsPerWindow").asDouble() > 0, r.toString());
  }

  @Test
  void aBadOptionIsRefusedWithItsReason() {
    StringWriter err = new StringWriter();
    CommandLine cli = CommandLines.of(new SegmentBenchRun());
    cli.setErr(new PrintWriter(err, true));
    assertEquals(2, cli.execute("--dims", "9x9", "--work", dir.toString()));
    assertTrue(err.toString().contains("expected COLUMNSxROWSxSLICES such as 256x256x200, got '9x9'"), err.toString());
  }
}
