package io.ctpipe.pipeline.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctpipe.dicom.phantom.PhantomSeriesWriter;
import io.ctpipe.dicom.testing.Dciodvfy;
import io.ctpipe.transforms.qa.QaFormat;
import io.ctpipe.transforms.qa.QaTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TaskManager of a real Flink cluster (1 JobManager, 2 TaskManagers with 2 slots each, separate JVMs) is killed
 * while series are in flight: the job restarts by the cluster's restart strategy, takes the series committed before
 * the kill again (--skipExisting) and processes the rest, and every series ends up exactly once in the QA tables
 * with one valid SEG.
 */
class FlinkClusterFaultIT {
  private static final int SERIES = 10;

  @TempDir
  Path dir;

  @Test
  void aKilledTaskManagerLosesNoSeriesAndDuplicatesNone() throws Exception {
    Path manifest = dir.resolve("cohort.txt");
    List<PhantomSeriesWriter.Written> cohort = PipelineRuns.cohort(manifest, SERIES, new int[] {128, 128, 80},
        new double[] {2, 2, 3}, 100);
    Path output = dir.resolve("out");
    // fast failure detection for the test; the restarted job lands on the surviving TaskManager's two slots
    try (FlinkCluster cluster = FlinkCluster.start(dir.resolve("flink"), 2, 2, "3g", List.of(
        "heartbeat.interval=2000", "heartbeat.timeout=20000", "restart-strategy.fixed-delay.delay=2s",
        "taskmanager.memory.task.off-heap.size=512m"))) {
      Path log = dir.resolve("run.log");
      Process run = new ProcessBuilder("bash", CtpipeProcess.script("runners/flink/submit.sh").toString(),
          cluster.master(), "--parallelism=2", "--manifest=" + manifest, "--output=" + output, "--qaFormat=json",
          "--runId=faulty", "--contentTime=2026-11-26T12:00:00", "--skipExisting").redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      CtpipeProcess.awaitCommitted(run, log, output, 2);
      cluster.killTaskManager(1);
      String out = CtpipeProcess.finished(run, log);

      CtpipeProcess.Summary summary = CtpipeProcess.summary(out);
      assertTrue(summary.reused() >= 2, "the restarted job took the series committed before the kill again: " + out);
      assertEquals(SERIES, summary.processed() + summary.reused(), out);
      assertTrue(Files.readString(cluster.logs().resolve("jobmanager.log")).contains(
          "switched from state RESTARTING to RUNNING"), "the job restarted by its restart strategy");
    }

    List<JsonNode> rows = QaFiles.read(output.resolve("qa").toString(), QaTable.SERIES_QA, "faulty", QaFormat.JSON);
    assertEquals(cohort.stream().map(PhantomSeriesWriter.Written::seriesInstanceUid).sorted().toList(),
        rows.stream().map(r -> r.get("series_instance_uid").asText()).sorted().toList(),
        "every series exactly once in the table");
    for (JsonNode row : rows) {
      assertEquals("ok", row.get("models").get(0).get("status").asText());
    }
    List<Path> segs = PipelineRuns.segFiles(output);
    assertEquals(SERIES, segs.size());
    for (Path seg : segs) {
      Dciodvfy.assertValid(seg);
    }
    assertEquals(SERIES, CtpipeProcess.committed(output, ".avro").size());
    assertEquals(List.of(), CtpipeProcess.committed(output, ".attempt-"), "no attempt left unfinished");
  }
}
