package io.ctpipe.pipeline.beam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctpipe.dicom.testing.Dciodvfy;
import io.ctpipe.transforms.qa.QaTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same manifest on the FlinkRunner ([local], an embedded Flink cluster) and on the DirectRunner. */
class FlinkRunnerTest {
  /** Columns that record when and how fast, or the runner's own call stack (a dead letter's trace), not what. */
  private static final List<String> VOLATILE = List.of("processed_at", "attempt_time", "fetch_ms", "decode_ms",
      "bpr_ms", "segment_ms", "write_ms", "stack_trace");

  @TempDir
  Path dir;

  @Test
  void flinkGivesIdenticalSegBytesAndQaRows() throws Exception {
    Path cohort = dir.resolve("cohort");
    PipelineRuns.phantom(cohort.resolve("a"), new int[] {48, 48, 16}, new double[] {8, 8, 10}, 5);
    PipelineRuns.phantom(cohort.resolve("b"), new int[] {40, 40, 14}, new double[] {9, 9, 10}, 6);
    Path manifest = dir.resolve("cohort.txt");
    Files.write(manifest, List.of(cohort.resolve("a").toString(), cohort.resolve("b").toString(),
        cohort.resolve("missing").toString(), "not a series"));
    PipelineRuns.Run direct = PipelineRuns.run("--manifest=" + manifest, "--output=" + dir.resolve("direct"),
        "--runId=same");
    PipelineRuns.Run flink = PipelineRuns.run("--manifest=" + manifest, "--output=" + dir.resolve("flink"),
        "--runId=same", "--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2");

    List<Path> directSegs = PipelineRuns.segFiles(dir.resolve("direct"));
    List<Path> flinkSegs = PipelineRuns.segFiles(dir.resolve("flink"));
    assertEquals(2, directSegs.size());
    assertEquals(directSegs.stream().map(p -> dir.resolve("direct").relativize(p)).toList(),
        flinkSegs.stream().map(p -> dir.resolve("flink").relativize(p)).toList());
    for (int i = 0; i < directSegs.size(); i++) {
      assertArrayEquals(Files.readAllBytes(directSegs.get(i)), Files.readAllBytes(flinkSegs.get(i)),
          directSegs.get(i).getFileName().toString());
      Dciodvfy.assertValid(flinkSegs.get(i));
    }
    for (QaTable table : QaTable.values()) {
      assertEquals(comparable(direct.rows(table), dir.resolve("direct")), comparable(flink.rows(table),
          dir.resolve("flink")), table.tableName());
    }
    assertEquals(2, flink.summary().count("series-complete"));
  }

  /** Rows without volatile columns, with the output root replaced, in a stable order. */
  private static List<String> comparable(List<JsonNode> rows, Path root) {
    List<String> out = new ArrayList<>();
    for (JsonNode row : rows) {
      ObjectNode copy = row.deepCopy();
      VOLATILE.forEach(copy::remove);
      out.add(copy.toString().replace(root.toString(), "OUTPUT"));
    }
    out.sort(null);
    return out;
  }
}
