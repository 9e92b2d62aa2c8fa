package io.ctpipe.transforms.process;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.ctpipe.transforms.manifest.SeriesRef;
import io.ctpipe.transforms.result.DeadLetter;
import io.ctpipe.transforms.result.SeriesResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
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
    SeriesResult first;
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
      SeriesResult again = p.process(a);
      assertEquals("a taken result forgets the attempt its commit ended", 0, store.attempts(a.key()).size());
      assertTrue(again.reused());
      assertTrue(again.complete());
      assertEquals("run-2", again.runId());
      assertEquals(first.facts().seriesInstanceUid(),
          again.facts().seriesInstanceUid());
      assertEquals(first.facts().provenance().processedAt(), again.facts().provenance().processedAt());
      assertEquals(first.bpr().slices().size(), again.bpr().slices().size());
      assertEquals(first.models().get(0).labels().size(), again.models().get(0).labels().size());
    }
    // without --skipExisting the series is processed again: its source is gone now
    try (SeriesProcessor p = new SeriesProcessor(Cohort.config(output, "run-3", false, false, 0))) {
      SeriesResult fresh = p.process(a);
      assertFalse(fresh.reused());
      assertEquals("fetch", fresh.deadLetters().get(0).stage().column());
    }
  }

  @Test
  public void aSettledFailureIsKeptUntilRetryFailed() throws Exception {
    Cohort cohort = new Cohort(folder.newFolder("cohort").toPath());
    Path output = folder.newFolder("out").toPath();
    SeriesRef broken = cohort.refs.get(2);
    try (SeriesProcessor p = new SeriesProcessor(Cohort.config(output, "run-1", true, false, 0))) {
      SeriesResult failed = p.process(broken);
      assertFalse(failed.reused());
      assertEquals("decode", failed.deadLetters().get(0).stage().column());
    }
    // the folder is mended: only --retryFailed looks again
    Files.delete(cohort.root.resolve("broken/readme.txt"));
    try (Stream<Path> slices = Files.list(cohort.series.get(1).folder())) {
      for (Path slice : slices.toList()) {
        Files.copy(slice, cohort.root.resolve("broken").resolve(slice.getFileName()));
      }
    }
    try (SeriesProcessor p = new SeriesProcessor(Cohort.config(output, "run-2", true, false, 0))) {
      SeriesResult kept = p.process(broken);
      assertTrue(kept.reused());
      assertEquals("decode", kept.deadLetters().get(0).stage().column());
      assertEquals("run-2", kept.runId());
    }
    try (SeriesProcessor p = new SeriesProcessor(Cohort.config(output, "run-3", true, true, 0))) {
      SeriesResult retried = p.process(broken);
      assertFalse(retried.reused());
      assertTrue(retried.deadLetters().toString(), retried.complete());
    }
    try (SeriesProcessor p = new SeriesProcessor(Cohort.config(output, "run-4", true, false, 0))) {
      assertTrue(p.process(broken).complete());
    }
  }

  @Test
  public void aCommittedFailureKeepsItsInputAndStackTraceWithoutTheTemporaryFolder() throws Exception {
    Cohort cohort = new Cohort(folder.newFolder("cohort").toPath());
    Path output = folder.newFolder("out").toPath();
    SeriesRef broken = cohort.refs.get(2);
    try (SeriesProcessor p = new SeriesProcessor(Cohort.config(output, "run-1", true, false, 0))) {
      p.process(broken);
    }
    try (SeriesProcessor p = new SeriesProcessor(Cohort.config(output, "run-2", true, false, 0))) {
      SeriesResult kept = p.process(broken);
      assertTrue(kept.reused());
      DeadLetter dead = kept.deadLetters().get(0);
      assertEquals(broken, dead.input());
      String trace = dead.stackTrace();
      assertTrue(trace, trace.startsWith(dead.errorClass() + ": " + broken.location() + " holds 0 image series"));
      assertTrue(trace, trace.contains("\tat io.ctpipe.dicom.volume.VolumeAssembler."));
      assertFalse(trace, trace.contains("ctpipe-series"));
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
      SeriesResult refused = p.process(b);
      assertNull(refused.facts());
      DeadLetter dead = refused.deadLetters().get(0);
      assertEquals("resources", dead.stage().column());
      assertEquals(SeriesResourcesException.class.getName(), dead.errorClass());
      assertEquals("a worker died 2 times while processing this series (out of native memory, or killed); refused "
          + "from now on, --retryFailed tries again", dead.message());
      assertEquals(0, store.attempts(b.key()).size());
      assertTrue(Files.isRegularFile(Path.of(store.resultPath(b.key()))));
    }
    try (SeriesProcessor p = new SeriesProcessor(Cohort.config(output, "run-2", true, false, 0))) {
      assertEquals("resources", p.process(b).deadLetters().get(0).stage().column());
    }
    try (SeriesProcessor p = new SeriesProcessor(Cohort.config(output, "run-3", true, true, 0))) {
      SeriesResult retried = p.process(b);
      assertTrue(retried.complete());
      assertEquals(0, new SeriesResultStore(output.toString(), p.configurationHash()).attempts(b.key()).size());
    }
  }

  @Test
  public void aSeriesAboveTheMemoryLimitIsRefusedBeforeDecodingWithTheNumbers() throws Exception {
    Cohort cohort = new Cohort(folder.newFolder("cohort").toPath());
    Path output = folder.newFolder("out").toPath();
    try (SeriesProcessor p = new SeriesProcessor(Cohort.config(output, "run-1", false, false, 1 << 20))) {
      SeriesResult refused = p.process(cohort.refs.get(0));
      assertNull(refused.facts());
      DeadLetter dead = refused.deadLetters().get(0);
      assertEquals("resources", dead.stage().column());
      assertFalse(dead.retryable());
      String message = dead.message();
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
      SeriesResult[] outcome = new SeriesResult[1];
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
      long decodeMs = outcome[0].timings().decodeMs();
      assertTrue("decode_ms " + decodeMs + " includes the " + heldMs + " ms spent waiting for memory",
          decodeMs < heldMs);
    }
  }
}
