package io.ctpipe.transforms.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctpipe.transforms.manifest.ManifestProblem;
import io.ctpipe.transforms.manifest.SeriesRef;
import io.ctpipe.transforms.qa.QaJson;
import io.ctpipe.transforms.qa.QaTable;
import io.ctpipe.transforms.qa.Stage;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** Results to table rows and back: every value survives, dead letters keep their input and trace, bad rows named. */
class ResultRowsTest {
  static final Instant WHEN = Instant.parse("2026-12-05T10:15:30.123456789Z");
  static final SeriesRef REF = SeriesRef.files("uid:1.2.3", "/data/ct-a/", "1.2", "1.2.3", "lidc", "cohort.txt:4");

  /** A series with every part: facts, timings, BPR with findings and slices, an ok and a failed model, dead letters. */
  static SeriesResult everything() {
    SeriesFacts facts = new SeriesFacts(new Provenance(WHEN, "0.9.0", "cafe01"), REF.key(), REF.origin(), "lidc",
        REF.location(), "1.2", "1.2.3.4", "CT", 30, new Grid(64, 56, 30, 0.7, 0.7, 2.5), List.of("GAP(3 mm)"),
        "CHEST", 123456, 2);
    BprOutcome bpr = new BprOutcome(new ModelRun("bpr-vgg16", "1", "ab", true, "onednn/fp32", null), Status.OK,
        new BodyPartFindings("CHEST", "AGREE", false, false, null, 2.4, 1.01, 1), List.of(
            new SliceScore(0, 29, 0, 10.5, 10.25, false), new SliceScore(1, 28, 2.5, null, 99.5, true)));
    ModelOutcome ok = new ModelOutcome(new ModelRun("tissue-ct", "2", "", false, "onnxruntime/fp32", "why"),
        Status.OK, new SegFile("/out/seg.dcm", "2.25.1", "2.25.2"), 2, 8, 12, List.of(
            new LabelStatistics(1, "lung", 100, 12.5, -800, 40.5, new VoxelBox(1, 2, 3, 4, 5, 6)),
            new LabelStatistics(3, "label_3", 7, 0.5, 40, 0, new VoxelBox(0, 0, 0, 0, 0, 0))));
    ModelOutcome failed = new ModelOutcome(new ModelRun("other", "1", "ff", false, "onednn/int8", null),
        Status.FAILED, null, 0, 0, 0, List.of());
    DeadLetter dead = DeadLetter.of(REF, "1.2.3.4", Stage.SEGMENT, new IllegalStateException("no int8 here"), true,
        WHEN);
    return new SeriesResult("run-1", facts, new StageTimings(1, 2, 3, 4, 5), bpr, List.of(ok, failed),
        List.of(dead), false);
  }

  @Test
  void aResultComesBackFromItsRowsUnchanged() {
    SeriesResult result = everything();
    Map<QaTable, List<GenericRecord>> rows = ResultRows.of(result);
    assertEquals(List.of(1, 2, 2, 1), List.of(rows.get(QaTable.SERIES_QA).size(), rows.get(QaTable.SLICE_QA).size(),
        rows.get(QaTable.SEGMENT_STATS).size(), rows.get(QaTable.DEAD_LETTERS).size()));
    assertEquals(result, ResultRows.series("run-1", rows, false));
    GenericRecord stats = rows.get(QaTable.SEGMENT_STATS).get(0);
    assertEquals("onnxruntime/fp32", stats.get("runtime"));
    assertEquals("1.2.3.4", stats.get("series_instance_uid"));
  }

  @Test
  void aFailedSeriesAndAManifestLineComeBackToo() {
    SeriesResult failed = SeriesResult.failed("run-1", DeadLetter.of(REF, null, Stage.FETCH, new IOException("gone"),
        false, WHEN));
    assertEquals(failed, ResultRows.series("run-1", ResultRows.of(failed), false));
    DeadLetter line = DeadLetter.manifest(new ManifestProblem("m.txt", 3, "rm x", "not a location"), WHEN);
    assertEquals(line, RowReader.deadLetter(ResultRows.deadLetter("run-1", line)));
    assertEquals("not a location: rm x", line.message());
    assertNull(line.input());
  }

  @Test
  void rowsReadInAnotherRunBelongToThatRun() {
    SeriesResult back = ResultRows.series("run-2", ResultRows.of(everything()), true);
    assertEquals("run-2", back.runId());
    assertTrue(back.reused());
    assertEquals("run-2", ResultRows.of(back).get(QaTable.DEAD_LETTERS).get(0).get("run_id"));
  }

  @Test
  void aDeadLetterKeepsItsInputAndStackTrace() {
    Exception error = new IllegalStateException("cannot segment", new IOException("disk full at /tmp/x1/slice.dcm"));
    DeadLetter dead = DeadLetter.of(REF, null, Stage.DECODE, error, "cannot segment /tmp/x1", false, WHEN)
        .showingPathAs("/tmp/x1", REF.location());
    DeadLetter back = RowReader.deadLetter(ResultRows.deadLetter("run-1", dead));
    assertEquals(REF, back.input());
    assertEquals("1.2.3", back.seriesInstanceUid());
    assertEquals("cannot segment /data/ct-a/", back.message());
    assertTrue(back.stackTrace().startsWith("java.lang.IllegalStateException: cannot segment\n\tat "),
        back.stackTrace());
    assertTrue(back.stackTrace().contains("Caused by: java.io.IOException: disk full at /data/ct-a//slice.dcm"),
        back.stackTrace());
    assertEquals(error.getClass().getName(), back.errorClass());
  }

  @Test
  void aLongStackTraceKeepsItsBeginningWithinTheBound() {
    String trace = DeadLetter.bounded("x".repeat(20_000));
    assertTrue(trace.length() <= DeadLetter.MAX_STACK_TRACE_CHARS, Integer.toString(trace.length()));
    assertTrue(trace.startsWith("x".repeat(DeadLetter.MAX_STACK_TRACE_CHARS - 64)));
    assertTrue(trace.endsWith("\n\t... (11872 more characters)"), trace.substring(trace.length() - 40));
    assertEquals("short", DeadLetter.bounded("short"));
  }

  @Test
  void tableRowsAsJsonLinesComeBackAsTheSameRows() throws Exception {
    ObjectMapper json = new ObjectMapper();
    ResultRows.of(everything()).forEach((table, rows) -> rows.forEach(row -> {
      try {
        assertEquals(row, QaJson.record(json.readTree(QaJson.line(row)), table.schema()), table.tableName());
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }));
  }

  @Test
  void aRunsTablesBecomeOneResultPerSeriesWithItsRows() {
    SeriesResult a = everything();
    SeriesResult b = SeriesResult.failed("run-1", DeadLetter.of(SeriesRef.files("uid:9", "/data/b/", null, "9", null,
        "cohort.txt:5"), null, Stage.DECODE, new IOException("not DICOM"), false, WHEN));
    DeadLetter line = DeadLetter.manifest(new ManifestProblem("m.txt", 3, "rm x", "not a location"), WHEN);
    Map<QaTable, List<GenericRecord>> tables = ResultRows.of(a);
    tables.get(QaTable.DEAD_LETTERS).addAll(ResultRows.of(b).get(QaTable.DEAD_LETTERS));
    tables.get(QaTable.DEAD_LETTERS).add(ResultRows.deadLetter("run-1", line));
    RunResults run = ResultRows.run("run-1", tables);
    assertEquals(List.of(a), run.series());
    assertEquals(List.of(a.deadLetters().get(0), b.deadLetters().get(0), line), run.deadLetters());
  }

  @Test
  void rowsThatAreNotOneSeriesOrHoldUnknownValuesAreRefusedWithTheReason() {
    Map<QaTable, List<GenericRecord>> rows = ResultRows.of(everything());
    rows.get(QaTable.SERIES_QA).add(rows.get(QaTable.SERIES_QA).get(0));
    assertEquals("it holds 2 series_qa rows", assertThrows(IllegalArgumentException.class,
        () -> ResultRows.series("r", rows, false)).getMessage());

    Map<QaTable, List<GenericRecord>> stray = ResultRows.of(everything());
    stray.get(QaTable.SEGMENT_STATS).get(1).put("model_id", "ghost");
    assertEquals("it holds segment_stats rows of model(s) [ghost] that its series_qa row does not list",
        assertThrows(IllegalArgumentException.class, () -> ResultRows.series("r", stray, false)).getMessage());

    Map<QaTable, List<GenericRecord>> noBpr = ResultRows.of(everything());
    noBpr.get(QaTable.SERIES_QA).get(0).put("bpr", null);
    assertEquals("it holds slice_qa rows but no body part regression", assertThrows(IllegalArgumentException.class,
        () -> ResultRows.series("r", noBpr, false)).getMessage());

    GenericRecord status = ResultRows.of(everything()).get(QaTable.SERIES_QA).get(0);
    ((GenericRecord) ((List<?>) status.get("models")).get(0)).put("status", "maybe");
    assertEquals("unknown model status 'maybe': expected ok or failed", assertThrows(IllegalArgumentException.class,
        () -> ResultRows.series("r", Map.of(QaTable.SERIES_QA, List.of(status), QaTable.SLICE_QA, List.of(),
            QaTable.SEGMENT_STATS, List.of(), QaTable.DEAD_LETTERS, List.of()), false)).getMessage());

    GenericRecord stage = ResultRows.deadLetter("r", everything().deadLetters().get(0));
    stage.put("stage", "lunch");
    assertEquals("unknown stage 'lunch': expected one of manifest, fetch, resources, decode, bpr, segment, write",
        assertThrows(IllegalArgumentException.class, () -> RowReader.deadLetter(stage)).getMessage());

    GenericRecord source = ResultRows.deadLetter("r", everything().deadLetters().get(0));
    ((GenericRecord) source.get("input")).put("source", "ftp");
    assertEquals("unknown series source 'ftp': expected files or dicomweb", assertThrows(
        IllegalArgumentException.class, () -> RowReader.deadLetter(source)).getMessage());
  }
}
