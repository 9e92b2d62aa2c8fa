package io.ctpipe.pipeline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.models.card.SpeedProfile;
import io.ctpipe.models.runtime.Backend;
import io.ctpipe.models.runtime.Precision;
import io.ctpipe.models.tiling.Accumulation;
import io.ctpipe.models.tiling.BlendMode;
import io.ctpipe.pipeline.command.CommandLines;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench segment} hands each child JVM every option that shapes the run it times. */
class SegmentBenchCommandTest {
  @TempDir
  Path dir;

  @Test
  void aProfileAndTheRecheckSwitchReachTheChild() {
    SegmentBenchOptions child = childOptions("--profile=fast", "--no-topk-recheck");
    assertEquals(SpeedProfile.FAST, child.speedProfile);
    assertTrue(child.noRecheck);
  }

  @Test
  void withoutThemTheChildRunsTheListsValuesWithTheRecheck() {
    SegmentBenchOptions child = childOptions();
    assertEquals(null, child.speedProfile);
    assertFalse(child.noRecheck);
  }

  private SegmentBenchOptions childOptions(String... parentArgs) {
    SegmentBenchCommand parent = new SegmentBenchCommand();
    List<String> args = new ArrayList<>(List.of("--work", dir.toString()));
    args.addAll(List.of(parentArgs));
    CommandLines.of(parent).parseArgs(args.toArray(String[]::new));
    List<String> childArgs = parent.childArgs(dir.resolve("card.json"), new SegmentBenchCommand.Configuration(
        Backend.ONEDNN, Precision.FP32, 0.5, 1, BlendMode.GAUSSIAN, Accumulation.TOPK, 4), dir.resolve("l.bin"));
    SegmentBenchRun run = new SegmentBenchRun();
    CommandLines.of(run).parseArgs(childArgs.toArray(String[]::new));
    return run.options;
  }
}
