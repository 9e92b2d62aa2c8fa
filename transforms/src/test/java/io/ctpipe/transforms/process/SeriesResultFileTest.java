package io.ctpipe.transforms.process;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.ctpipe.transforms.manifest.ManifestProblem;
import io.ctpipe.transforms.result.DeadLetter;
import io.ctpipe.transforms.result.SeriesResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The per-series result file: round trip with the run id re-labelled; what is not a result of the series. */
public class SeriesResultFileTest {
  @Rule
  public final TemporaryFolder folder = new TemporaryFolder();

  private static SeriesResult failedOutcome() {
    DeadLetter dead = DeadLetter.manifest(new ManifestProblem("m.txt", 3, "x", "bad"),
        Instant.parse("2026-11-26T00:00:00Z"));
    return SeriesResult.failed("run-1", dead);
  }

  @Test
  public void rowsComeBackLabelledWithTheReadingRun() throws Exception {
    byte[] bytes = SeriesResultFile.encode("key-1", failedOutcome());
    SeriesResult back = SeriesResultFile.decode(bytes, "key-1", "run-2");
    assertNull(back.facts());
    assertTrue(back.reused());
    assertEquals(1, back.deadLetters().size());
    assertEquals("run-2", back.runId());
    assertEquals("m.txt:3", back.deadLetters().get(0).origin());
  }

  @Test
  public void aResultOfAnotherSeriesOrNoResultAtAllIsRefused() throws Exception {
    byte[] bytes = SeriesResultFile.encode("key-1", failedOutcome());
    IOException other = assertThrows(IOException.class, () -> SeriesResultFile.decode(bytes, "key-2", "r"));
    assertEquals("the result file of series key-2 belongs to series key-1", other.getMessage());
    IOException garbage = assertThrows(IOException.class, () -> SeriesResultFile.decode(
        "not avro at all".getBytes(), "key-1", "r"));
    assertEquals("the result file of series key-1 is not readable: Not an Avro data file.", garbage.getMessage());
  }

  @Test
  public void aFileLargerThanTheBoundIsNotRead() throws Exception {
    Path big = folder.newFile("big.avro").toPath();
    Files.write(big, new byte[4096]);
    var file = OutputFiles.match(big.toString()).get(0);
    IOException e = assertThrows(IOException.class, () -> OutputFiles.read(file, 1024));
    assertEquals(big + " holds 4096 bytes, more than the 1024 allowed", e.getMessage());
    assertEquals(4096, OutputFiles.read(file, 4096).length);
  }

  @Test
  public void writesAreAtomicAndLeaveNoTemporaryFile() throws Exception {
    Path out = folder.newFolder("out").toPath();
    String target = out.resolve("a/b/c.bin").toString();
    OutputFiles.write(out.toString(), target, new byte[] {1, 2, 3}, "application/octet-stream");
    OutputFiles.write(out.toString(), target, new byte[] {4, 5}, "application/octet-stream");
    assertEquals(List.of((byte) 4, (byte) 5), List.of(Files.readAllBytes(Path.of(target))[0],
        Files.readAllBytes(Path.of(target))[1]));
    assertEquals(2, Files.size(Path.of(target)));
    try (var left = Files.list(out.resolve("_ctpipe/tmp"))) {
      assertEquals(0, left.count());
    }
  }

  @Test
  public void aTemporaryFileNeverBearsItsTargetsExtension() throws Exception {
    Path out = folder.newFolder("out").toPath();
    Path temporary = out.resolve(OutputFiles.TEMPORARY_FOLDER);
    Files.createDirectories(temporary);
    // a write interrupted before its rename (here: the target is a folder that is not empty) keeps its temporary file
    Path target = out.resolve("study/series/m-1.seg.dcm");
    Files.createDirectories(target);
    Files.write(target.resolve("occupied"), new byte[0]);
    assertThrows(IOException.class, () -> OutputFiles.write(out.toString(), target.toString(), new byte[] {1},
        "application/dicom"));
    try (var left = Files.list(temporary)) {
      List<String> names = left.map(p -> p.getFileName().toString()).toList();
      assertEquals(names.toString(), 1, names.size());
      assertTrue(names.toString(), names.get(0).endsWith("-m-1.seg.dcm.partial"));
    }
  }
}
