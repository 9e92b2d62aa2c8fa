package io.ctpipe.transforms.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.transforms.qa.Stage;
import io.ctpipe.transforms.result.DeadLetter;
import io.ctpipe.transforms.result.ModelOutcome;
import io.ctpipe.transforms.result.SeriesResult;
import io.ctpipe.transforms.result.Status;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * Results committed before dead letters kept their input and stack trace (written by ctpipe at commit d81cb0e from
 * two phantom series: one complete, one whose models could not run on the worker) decode into typed results, the new
 * columns null, and stay the same through a new commit.
 */
class EarlierResultFilesTest {
  private static final String A = "location:/tmp/junit9630275577725581759/cohort/ct-a";
  private static final String B = "location:/tmp/junit9630275577725581759/cohort/ct-b";

  private static SeriesResult decode(String name, String key) throws IOException {
    try (InputStream in = EarlierResultFilesTest.class.getResourceAsStream("/io/ctpipe/transforms/result/" + name)) {
      return SeriesResultFile.decode(in.readAllBytes(), key, "run-new");
    }
  }

  private static void assertStableThroughANewCommit(SeriesResult old, String key) throws IOException {
    assertEquals(old, SeriesResultFile.decode(SeriesResultFile.encode(key, old), key, "run-new"));
  }

  @Test
  void aCompleteSeriesOfAnEarlierRunDecodes() throws Exception {
    SeriesResult old = decode("complete-v1.avro", A);
    assertTrue(old.complete());
    assertTrue(old.reused());
    assertEquals("run-new", old.runId());
    assertEquals("CT", old.facts().modality());
    assertEquals(64, old.facts().grid().columns());
    assertEquals(Status.OK, old.bpr().status());
    assertTrue(old.bpr().model().untrained());
    assertEquals(30, old.facts().grid().slices());
    assertEquals(30, old.bpr().slices().size());
    ModelOutcome model = old.models().get(0);
    assertEquals("tissue-ct", model.model().id());
    assertEquals(Status.OK, model.status());
    assertEquals(4, model.labelsFound());
    assertEquals(4, model.labels().size());
    assertTrue(model.seg().path().endsWith(".seg.dcm"), model.seg().path());
    assertStableThroughANewCommit(old, A);
  }

  @Test
  void aPartialSeriesOfAnEarlierRunDecodesWithoutInputOrTrace() throws Exception {
    SeriesResult old = decode("partial-v1.avro", B);
    assertEquals(Status.FAILED, old.bpr().status());
    assertNull(old.bpr().findings());
    assertEquals(Status.FAILED, old.models().get(0).status());
    assertEquals("onednn/int8", old.models().get(0).model().runtime());
    assertEquals(2, old.deadLetters().size());
    DeadLetter bpr = old.deadLetters().get(0);
    assertEquals(Stage.BPR, bpr.stage());
    assertTrue(bpr.retryable());
    assertTrue(bpr.message().startsWith("'bpr-vgg16' is configured to run on onednn/int8"), bpr.message());
    assertEquals(B, bpr.seriesKey());
    assertNull(bpr.input());
    assertNull(bpr.stackTrace());
    assertEquals(Stage.SEGMENT, old.deadLetters().get(1).stage());
    assertStableThroughANewCommit(old, B);
  }
}
