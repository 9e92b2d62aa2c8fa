package io.ctpipe.transforms.process;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.ctpipe.transforms.manifest.SeriesRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Per-series results without Beam: committed when settled, taken again by --skipExisting (without fetching),
 * failures kept until --retryFailed, series that took workers down refused, series too large for the memory limit
 * refused with the numbers.
 */
public class SeriesProcessorDurabilityTest {
  @Rule
  public final TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void aCommittedSeriesIsTakenAgainWithoutItsSource() throws Exception {
    Cohort cohort = new Cohort(folder.newFolder("cohort").toPath());
    Path output = folder.newFolder("out").toPath();
    SeriesRef a = cohort.refs.get(0);
    SeriesOutcome first;
    try (SeriesProcessor p = new SeriesProcessor(Cohort.config(output, "run-1", false, false, 0))) {
      first = p.process(a);
    }
    assertTrue(first.complete());
    assertFalse(first.reused());
    deleteTree(cohort.root.resolve("ct-a"));

    try (SeriesProcessor p = new SeriesProcessor(Cohort.config(output, "run-2", true, false, 0))) {
      SeriesResultStore store = new SeriesResultStore(output.toString(), p.configurationHash());
      // the worker was killed after its commit and before its clean-up
      store.startAttempt(a.key(), "run-1");
      SeriesOutcome again = p.process(a);
      assertEquals("a taken result forgets the attempt its commit ended", 0, store.attempts(a.key()).size());
      assertTrue(again.reused());
      assertTrue(again.complete());
      assertEquals("run-2", again.seriesRow().get("run_id").toString());
      assertEquals(first.seriesRow().get("series_instance_uid").toString(),
          again.seriesRow().get("series_instance_uid").toString());
      assertEquals(first.seriesRow().get("processed_at"), again.seriesRow().get("processed_at"));
      assertEquals(first.sliceRows().size(), again.sliceRows().size());
      assertEquals(first.segmentRows().size(), again.segmentRows().size());
    }
    // without --skipExisting the series is processed again: its source is gone now
    try (SeriesProcessor p = new SeriesProcessor(Cohort.config(output, "run-3", false, false, 0))) {
      SeriesOutcome fresh = p.process(a);
      assertFalse(fresh.reused());
      assertEquals("fetch", fresh.deadLetters().get(0).get("stage").toString());
    }
  }

  @Test
  public void aSettledFailureIsKeptUntilRetryFailed() throws Exception {
    Cohort cohort = new Cohort(folder.newFolder("cohort").toPath());
    Path output = folder.newFolder("out").toPath();
    SeriesRef broken = cohort.refs.get(2);
    try (SeriesProcessor p = new SeriesProcessor(Cohort.config(output, "run-1", true, false, 0))) {
      SeriesOutcome failed = p.process(broken);
      assertFalse(failed.reused());
      assertEquals("decode", failed.deadLetters().get(0).get("stage").toString());
    }
    // the folder is mended: only --retryFailed looks again
    Files.delete(cohort.root.resolve("broken/readme.txt"));
    try (Stream<Path> slices = Files.list(cohort.series.get(1).folder())) {
      for (Path slice : slices.toList()) {
        Files.copy(slice, cohort.root.resolve("broken").resolve(slice.getFileName()));
      }
    }
    try (SeriesProcessor p = new SeriesProcessor(Cohort.config(output, "run-2", true, false, 0))) {
      SeriesOutcome kept = p.process(broken);
      assertTrue(kept.reused());
      assertEquals("decode", kept.deadLetters().get(0).get("stage").toString());
      assertEquals("run-2", kept.deadLetters().get(0).get("run_id").toString());
    }
    try (SeriesProcessor p = new SeriesProcessor(Cohort.config(output, "run-3", true, true, 0))) {
      SeriesOutcome retried = p.process(broken);
      assertFalse(retried.reused());
      assertTrue(retried.deadLetters().toString(), retried.complete());
    }
    try (SeriesProcessor p = new SeriesProcessor(Cohort.config(output, "run-4", true, false, 0))) {
      assertTrue(p.process(broken).complete());
    }
  }

  @Test
  public void aSeriesThatTookWorkersDownIsRefusedAndRecorded() throws Exception {
    Cohort cohort = new Cohort(folder.newFolder("cohort").toPath());
    Path output = folder.newFolder("out").toPath();
    SeriesRef b = cohort.refs.get(1);
    try (SeriesProcessor p = new SeriesProcessor(Cohort.config(output, "run-1", true, false, 0))) {
      SeriesResultStore store = new SeriesResultStore(output.toString(), p.configurationHash());
      // two attempts that started and never finished: their workers died
      store.startAttempt(b.key(), "run-0");
      store.startAttempt(b.key(), "run-0");
      SeriesOutcome refused = p.process(b);
      assertNull(refused.seriesRow());
      GenericRecord dead = refused.deadLetters().get(0);
      assertEquals("resources", dead.get("stage").toString());
      assertEquals(SeriesResourcesException.class.getName(), dead.get("error_class").toString());
      assertEquals("a worker died 2 times while processing this series (out of native memory, or killed); refused "
          + "from now on, --retryFailed tries again", dead.get("message").toString());
      assertEquals(0, store.attempts(b.key()).size());
      assertTrue(Files.isRegularFile(Path.of(store.resultPath(b.key()))));
    }
    try (SeriesProcessor p = new SeriesProcessor(Cohort.config(output, "run-2", true, false, 0))) {
      assertEquals("resources", p.process(b).deadLetters().get(0).get("stage").toString());
    }
    try (SeriesProcessor p = new SeriesProcessor(Cohort.config(output, "run-3", true, true, 0))) {
      SeriesOutcome retried = p.process(b);
      assertTrue(retried.complete());
      assertEquals(0, new SeriesResultStore(output.toString(), p.configurationHash()).attempts(b.key()).size());
    }
  }

  @Test
  public void aSeriesAboveTheMemoryLimitIsRefusedBeforeDecodingWithTheNumbers() throws Exception {
    Cohort cohort = new Cohort(folder.newFolder("cohort").toPath());
    Path output = folder.newFolder("out").toPath();
    try (SeriesProcessor p = new SeriesProcessor(Cohort.config(output, "run-1", false, false, 1 << 20))) {
      SeriesOutcome refused = p.process(cohort.refs.get(0));
      assertNull(refused.seriesRow());
      GenericRecord dead = refused.deadLetters().get(0);
      assertEquals("resources", dead.get("stage").toString());
      assertFalse((Boolean) dead.get("retryable"));
      String message = dead.get("message").toString();
      assertTrue(message, message.matches("series needs about [0-9,]+ MiB \\(64x56x30 = 107520 voxels: volume 0 MiB, "
          + "body part regression 2 MiB, segmentation [0-9,]+ MiB for tissue-ct\\), more than --maxSeriesMemory "
          + "1 MiB"));
    }
  }

  private static void deleteTree(Path root) throws Exception {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Test
  public void decodeTimeLeavesOutTheWaitForMemory() throws Exception {
    Cohort cohort = new Cohort(folder.newFolder("cohort").toPath());
    long limit = 1L << 40;
    MemoryBudget budget = MemoryBudget.shared(limit);
    try (SeriesProcessor p = new SeriesProcessor(Cohort.config(folder.newFolder("out").toPath(), "run-1", false,
        false, limit))) {
      SeriesOutcome[] outcome = new SeriesOutcome[1];
      Thread worker = new Thread(() -> outcome[0] = p.process(cohort.refs.get(0)));
      long heldMs = 3000;
      try (MemoryBudget.Reservation everything = budget.reserve(limit)) {
        worker.start();
        while (budget.waiting() == 0 && worker.isAlive()) {
          Thread.sleep(10);
        }
        assertEquals("the series waits for the memory the test holds", 1, budget.waiting());
        Thread.sleep(heldMs);
      }
      worker.join();
      assertTrue(outcome[0].complete());
      long decodeMs = (Long) outcome[0].seriesRow().get("decode_ms");
      assertTrue("decode_ms " + decodeMs + " includes the " + heldMs + " ms spent waiting for memory",
          decodeMs < heldMs);
    }
  }
}
