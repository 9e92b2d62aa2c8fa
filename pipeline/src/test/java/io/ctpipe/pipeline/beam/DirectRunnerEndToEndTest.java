package io.ctpipe.pipeline.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctpipe.dicom.testing.Dciodvfy;
import io.ctpipe.dicom.testing.SharedData;
import io.ctpipe.transforms.qa.QaTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on the DirectRunner: phantoms, a broken series, a missing folder and a malformed manifest line;
 * then the same manifest again with --skipExisting (and --retryFailed); and real CT from shared/data.
 */
class DirectRunnerEndToEndTest {
  @TempDir
  Path dir;

  @Test
  void cohortWithBrokenInputsThenRerunWithSkipExisting() throws Exception {
    Path cohort = dir.resolve("cohort");
    var a = PipelineRuns.phantom(cohort.resolve("a"), new int[] {64, 64, 24}, new double[] {6, 6, 8}, 1);
    var b = PipelineRuns.phantom(cohort.resolve("b"), new int[] {56, 56, 20}, new double[] {7, 7, 9}, 2);
    Files.createDirectories(cohort.resolve("empty"));
    Path manifest = dir.resolve("cohort.txt");
    Files.write(manifest, List.of("# test cohort", cohort.resolve("a").toString(), cohort.resolve("b").toString(),
        cohort.resolve("a").toString(), cohort.resolve("empty").toString(), "gs:/half-a-url here"));
    Path output = dir.resolve("out");

    PipelineRuns.Run first = PipelineRuns.run("--manifest=" + manifest, "--output=" + output, "--runId=first",
        "--bprModel=zoo:bpr-vgg16");
    assertEquals(3, first.summary().count("series-in"), "the duplicate line is one series");
    assertEquals(2, first.summary().count("series-complete"));
    assertEquals(1, first.summary().count("failed-fetch"));
    List<JsonNode> series = first.rows(QaTable.SERIES_QA);
    assertEquals(List.of(a.seriesInstanceUid(), b.seriesInstanceUid()).stream().sorted().toList(),
        series.stream().map(r -> r.get("series_instance_uid").asText()).sorted().toList());
    for (JsonNode row : series) {
      assertEquals("first", row.get("run_id").asText());
      assertEquals("ok", row.get("models").get(0).get("status").asText());
      assertTrue(row.get("bpr").get("untrained").asBoolean());
    }
    Map<String, JsonNode> dead = first.rows(QaTable.DEAD_LETTERS).stream()
        .collect(Collectors.toMap(r -> r.get("stage").asText(), r -> r));
    assertEquals(2, dead.size());
    assertTrue(dead.get("fetch").get("message").asText().startsWith("no files below " + cohort.resolve("empty")));
    assertEquals("expected one folder, bucket prefix or DICOMweb series URL per line: gs:/half-a-url here",
        dead.get("manifest").get("message").asText());
    assertEquals(24 + 20, first.rows(QaTable.SLICE_QA).size());
    assertEquals(8, first.rows(QaTable.SEGMENT_STATS).size(), "4 tissue labels in each of 2 series");
    List<Path> segs = PipelineRuns.segFiles(output);
    assertEquals(2, segs.size());
    for (Path seg : segs) {
      Dciodvfy.assertValid(seg);
    }
    long segTime = Files.getLastModifiedTime(segs.get(0)).toMillis();
    String configuration = series.get(0).get("configuration").asText();
    String identity = Files.readString(output.resolve("_ctpipe/series").resolve(configuration)
        .resolve("configuration.txt"));
    assertTrue(identity.startsWith("seg-type=AUTO\nbpr=bpr-vgg16@"), identity);
    assertTrue(identity.contains("\nseg=model=tissue-ct@"), identity);
    assertTrue(identity.contains(" inference=ONEDNN/FP32\n"), "what ran, resolved at launch: " + identity);

    PipelineRuns.Run second = PipelineRuns.run("--manifest=" + manifest, "--output=" + output, "--runId=second",
        "--bprModel=zoo:bpr-vgg16", "--skipExisting");
    assertEquals(3, second.summary().count("series-reused"), "two complete series and a settled failure");
    assertEquals(0, second.summary().count("series-complete"), "no inference the second time");
    assertEquals(0, second.summary().count("failed-fetch"), "the settled failure is not tried again");
    assertEquals(series.stream().map(r -> r.get("series_instance_uid").asText()).sorted().toList(),
        second.rows(QaTable.SERIES_QA).stream().map(r -> r.get("series_instance_uid").asText()).sorted().toList(),
        "the second run's tables hold the whole cohort once");
    for (JsonNode row : second.rows(QaTable.SERIES_QA)) {
      assertEquals("second", row.get("run_id").asText());
    }
    assertEquals(24 + 20, second.rows(QaTable.SLICE_QA).size());
    assertEquals(2, second.rows(QaTable.DEAD_LETTERS).size(), "the fetch failure (reused) and the manifest line");
    assertEquals(segTime, Files.getLastModifiedTime(segs.get(0)).toMillis(), "SEG not rewritten");

    PipelineRuns.Run third = PipelineRuns.run("--manifest=" + manifest, "--output=" + output, "--runId=third",
        "--bprModel=zoo:bpr-vgg16", "--skipExisting", "--retryFailed");
    assertEquals(2, third.summary().count("series-reused"));
    assertEquals(1, third.summary().count("failed-fetch"), "--retryFailed tries the failed series again");
  }

  @Test
  void realCtFromSharedData() throws Exception {
    Path ct = SharedData.requireInShared("data/ct/totalseg-example");
    Path manifest = dir.resolve("real.txt");
    Files.write(manifest, List.of(ct.toString()));
    PipelineRuns.Run run = PipelineRuns.run("--manifest=" + manifest, "--output=" + dir.resolve("out"),
        "--bprModel=zoo:bpr-vgg16");
    JsonNode row = run.rows(QaTable.SERIES_QA).get(0);
    assertEquals(512, row.get("columns").asInt());
    assertEquals(20, row.get("slices").asInt());
    assertEquals("PARTIALBODY", row.get("dicom_body_part_examined").asText());
    assertEquals("UNKNOWN", row.get("bpr").get("body_part_agreement").asText());
    assertEquals(20, run.rows(QaTable.SLICE_QA).size());
    JsonNode soft = run.rows(QaTable.SEGMENT_STATS).stream().filter(r -> r.get("label").asText()
        .equals("soft_tissue")).findFirst().orElseThrow();
    assertTrue(soft.get("mean_hu").asDouble() > -100 && soft.get("mean_hu").asDouble() < 150,
        "soft tissue HU on real CT: " + soft.get("mean_hu"));
    for (Path seg : PipelineRuns.segFiles(dir.resolve("out"))) {
      Dciodvfy.assertValid(seg, Dciodvfy.SOURCE_WARNINGS);
    }
  }
}
