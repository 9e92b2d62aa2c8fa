package io.ctpipe.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ctpipe run and ctpipe demo as a user runs them. */
class RunCommandTest {
  @TempDir
  Path dir;

  @Test
  void badRunArgumentsAreOneLineErrors() {
    CtpipeCommandTest.Run missing = CtpipeCommandTest.run("run", "--output", dir.toString());
    assertEquals(1, missing.exitCode());
    assertEquals("ctpipe run: name the cohort with --manifest, or with --collections or --idcQuery",
        missing.err().trim());
    CtpipeCommandTest.Run noFile = CtpipeCommandTest.run("run", "--manifest", dir.resolve("none.txt").toString(),
        "--output", dir.toString());
    assertEquals(1, noFile.exitCode());
    assertTrue(noFile.err().contains("the pipeline failed: No files matched spec: " + dir.resolve("none.txt")),
        noFile.err());
  }

  /** A choice outside its enum stops the launch before any manifest is read, naming the allowed values. */
  @Test
  void aBadChoiceNamesTheAllowedValues() {
    CtpipeCommandTest.Run segType = CtpipeCommandTest.run("run", "--manifest", dir.resolve("none.txt").toString(),
        "--output", dir.toString(), "--segType", "fractional");
    assertEquals(1, segType.exitCode());
    assertEquals("ctpipe run: unknown SEG type 'fractional'; choose one of [auto, binary, labelmap]",
        segType.err().trim());
    CtpipeCommandTest.Run profile = CtpipeCommandTest.run("run", "--manifest", dir.resolve("none.txt").toString(),
        "--output", dir.toString(), "--profile=turbo");
    assertEquals(1, profile.exitCode());
    assertEquals("ctpipe run: profile 'turbo' is not fast, balanced or accurate", profile.err().trim());
  }

  @Test
  void demoProcessesItsCohortAndReportsTheBrokenParts() {
    CtpipeCommandTest.Run demo = CtpipeCommandTest.run("demo", "--work", dir.toString());
    assertEquals(0, demo.exitCode(), demo.err());
    String out = demo.out();
    assertTrue(out.contains("series: 4 processed (3 complete, 0 partial), 1 failed, 0 reused from earlier runs"), out);
    assertTrue(out.contains("manifest.txt:6  manifest: expected one folder"), out);
    assertTrue(out.contains("manifest.txt:5  decode: " + dir.toAbsolutePath().resolve("cohort/broken-series")),
        out);
    assertTrue(out.contains("UNTRAINED replica"), out);
    assertEquals(3, out.split("tissue-ct: ok, 4 labels \\(onednn/fp32\\)", -1).length - 1,
        "each series says which engine ran the model: " + out);
  }

  /** No untrained model runs unless asked: body part regression is off by default outside the demo. */
  @org.junit.jupiter.api.Test
  void bodyPartRegressionIsOffByDefault() {
    assertEquals("none", io.ctpipe.pipeline.beam.PipelineLauncher.options("--manifest=m.txt", "--output=out")
        .getBprModel());
  }
}
