package io.ctpipe.transforms.process;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.ctpipe.dicom.testing.CraftedUids;
import io.ctpipe.transforms.manifest.SeriesRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Hostile series and references end as dead letters with their reason; nothing is written outside the output. */
public class UntrustedSeriesTest {
  @Rule
  public final TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void aStudyUidThatClimbsOutOfTheOutputIsADecodeDeadLetter() throws Exception {
    Cohort cohort = new Cohort(folder.newFolder("cohort").toPath());
    Path output = folder.newFolder("nest", "out").toPath();
    CraftedUids.replace(cohort.series.get(0).folder(), cohort.series.get(0).studyInstanceUid(), "../../x");
    try (SeriesProcessor p = new SeriesProcessor(Cohort.config(output, false))) {
      SeriesOutcome crafted = p.process(cohort.refs.get(0));
      assertFalse(crafted.complete());
      GenericRecord dead = crafted.deadLetters().get(0);
      assertEquals("decode", dead.get("stage").toString());
      assertEquals("StudyInstanceUID is not a DICOM UID (PS3.5 9.1): it holds a character other than digits and "
          + "dots", dead.get("message").toString());
      assertTrue(p.process(cohort.refs.get(1)).complete());
    }
    try (Stream<Path> outside = Files.walk(output.getParent().getParent())) {
      assertEquals(0, outside.filter(f -> f.toString().endsWith(".seg.dcm") && !f.startsWith(output)).count());
    }
  }

  @Test
  public void anUnknownSchemeIsAFetchDeadLetterAndLeavesNoAttemptBehind() throws Exception {
    Path output = folder.newFolder("out").toPath();
    SeriesRef ref = SeriesRef.files("location:foo://bucket/x/", "foo://bucket/x/", null, null, null, "m.txt:1");
    for (String run : new String[] {"run-1", "run-2", "run-3"}) {
      try (SeriesProcessor p = new SeriesProcessor(Cohort.config(output, run, true, true, 0))) {
        GenericRecord dead = p.process(ref).deadLetters().get(0);
        assertEquals("fetch", dead.get("stage").toString());
        assertTrue(dead.get("message").toString(), dead.get("message").toString().startsWith(
            "cannot fetch foo://bucket/x/: No filesystem found for scheme foo"));
      }
    }
    try (Stream<Path> files = Files.walk(output)) {
      assertEquals(0, files.filter(f -> f.getFileName().toString().contains(".attempt-")).count());
    }
  }

  @Test
  public void anEmptyCommittedResultIsQuarantinedAndTheSeriesProcessedAgain() throws Exception {
    Cohort cohort = new Cohort(folder.newFolder("cohort").toPath());
    Path output = folder.newFolder("out").toPath();
    SeriesRef a = cohort.refs.get(0);
    try (SeriesProcessor p = new SeriesProcessor(Cohort.config(output, "run-1", true, false, 0))) {
      Path result = Path.of(new SeriesResultStore(output.toString(), p.configurationHash()).resultPath(a.key()));
      Files.createDirectories(result.getParent());
      Files.write(result, new byte[0]);
      SeriesOutcome again = p.process(a);
      assertFalse(again.reused());
      assertTrue(again.complete());
      Path quarantined = output.resolve("_ctpipe/quarantine").resolve(p.configurationHash())
          .resolve(OutputFiles.keyFileName(a.key()) + "-run-1.avro");
      assertTrue(Files.isRegularFile(quarantined));
      assertEquals(0, Files.size(quarantined));
      assertTrue("the fresh result is committed", Files.size(result) > 0);
    }
  }
}
