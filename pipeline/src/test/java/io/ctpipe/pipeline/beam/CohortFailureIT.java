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
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures on the DirectRunner, each in a JVM of its own: the process killed mid-run and the cohort finished by a
 * --skipExisting re-run; a series too large for the memory guard; a series that exhausts the heap anyway.
 */
class CohortFailureIT {
  @TempDir
  Path dir;

  private static List<String> runArgs(Path manifest, Path output, String runId, String... more) {
    List<String> args = new ArrayList<>(List.of("run", "--manifest=" + manifest, "--output=" + output,
        "--qaFormat=json", "--runId=" + runId, "--contentTime=2026-11-26T12:00:00"));
    args.addAll(List.of(more));
    return args;
  }

  @Test
  void aKilledRunIsFinishedBySkipExistingWithEverySeriesOnce() throws Exception {
    Path manifest = dir.resolve("cohort.txt");
    List<PhantomSeriesWriter.Written> cohort = PipelineRuns.cohort(manifest, 8, new int[] {128, 128, 80},
        new double[] {2, 2, 3}, 200);
    Path output = dir.resolve("out");
    Path killedLog = dir.resolve("killed.log");
    Process killed = CtpipeProcess.start(killedLog, List.of(), runArgs(manifest, output, "killed"));
    CtpipeProcess.awaitCommitted(killed, killedLog, output, 2);
    killed.destroyForcibly().waitFor();
    int committedBefore = CtpipeProcess.committed(output, ".avro").size();
    assertTrue(committedBefore < 8, "killed while series were in flight");

    Path rerunLog = dir.resolve("rerun.log");
    String out = CtpipeProcess.finished(CtpipeProcess.start(rerunLog, List.of(), runArgs(manifest, output, "rerun",
        "--skipExisting")), rerunLog);
    CtpipeProcess.Summary summary = CtpipeProcess.summary(out);
    assertTrue(summary.reused() >= committedBefore, out);
    assertEquals(8, summary.processed() + summary.reused(), out);

    List<JsonNode> rows = QaFiles.read(output.resolve("qa").toString(), QaTable.SERIES_QA, "rerun", QaFormat.JSON);
    assertEquals(cohort.stream().map(PhantomSeriesWriter.Written::seriesInstanceUid).sorted().toList(),
        rows.stream().map(r -> r.get("series_instance_uid").asText()).sorted().toList());
    List<Path> segs = PipelineRuns.segFiles(output);
    assertEquals(8, segs.size(), "one SEG per series, none partial in place");
    for (Path seg : segs) {
      Dciodvfy.assertValid(seg);
    }
    assertEquals(List.of(), CtpipeProcess.committed(output, ".attempt-"),
        "the attempts the kill interrupted were finished by the re-run");
  }

  @Test
  void aSeriesTooLargeForTheWorkerFailsAloneBeforeOrWhenItsHeapRunsOut() throws Exception {
    Path manifest = dir.resolve("cohort.txt");
    Path big = dir.resolve("big");
    PipelineRuns.phantom(big, new int[] {384, 384, 160}, new double[] {1, 1, 1.5}, 3);
    PipelineRuns.cohort(dir.resolve("small.txt"), 1, new int[] {96, 96, 60}, new double[] {3, 3, 4}, 200);
    Files.write(manifest, List.of(big.toString(), Files.readAllLines(dir.resolve("small.txt")).get(0)));
    List<String> smallHeap = List.of("-Xmx160m");

    Path guardedLog = dir.resolve("guarded.log");
    String guarded = CtpipeProcess.finished(CtpipeProcess.start(guardedLog, smallHeap, runArgs(manifest,
        dir.resolve("guarded"), "guarded")), guardedLog);
    assertTrue(guarded.contains("series: 2 processed (1 complete, 0 partial), 1 failed"), guarded);
    assertTrue(Pattern.compile("cohort.txt:1  resources: series needs about [0-9,]+ MiB \\(384x384x160 = 23592960 "
        + "voxels: volume 90 MiB, body part regression 0 MiB, segmentation [0-9,]+ MiB for tissue-ct\\), more than "
        + "--maxSeriesMemory 12[0-9] MiB").matcher(guarded).find(), guarded);

    Path unguardedLog = dir.resolve("unguarded.log");
    String unguarded = CtpipeProcess.finished(CtpipeProcess.start(unguardedLog, smallHeap, runArgs(manifest,
        dir.resolve("unguarded"), "unguarded", "--maxSeriesMemory=100g")), unguardedLog);
    assertTrue(unguarded.contains("series: 2 processed (1 complete, 0 partial), 1 failed"), unguarded);
    assertTrue(Pattern.compile("cohort.txt:1  resources: ran out of Java heap \\(1[56][0-9] MiB at most\\) while "
        + "processing this series: Java heap space; give the workers more memory or lower --maxSeriesMemory")
        .matcher(unguarded).find(), unguarded);
  }
}
