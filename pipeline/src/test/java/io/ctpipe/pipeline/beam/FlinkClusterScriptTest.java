package io.ctpipe.pipeline.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.dicom.testing.ExternalTools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** runners/flink/cluster.sh and submit.sh refuse what they cannot do, saying why (no cluster is started). */
class FlinkClusterScriptTest {
  @TempDir
  Path dir;

  private ExternalTools.Output script(String name, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", CtpipeProcess.script("runners/flink/" + name).toString()));
    command.addAll(List.of(args));
    return ExternalTools.run(command);
  }

  @Test
  void badOptionsAreRefusedByName() throws Exception {
    ExternalTools.Output slots = script("cluster.sh", "start", "--slots", "two", "--dir", dir.toString());
    assertEquals(2, slots.exitCode());
    assertEquals("cluster.sh: expected a positive number, got 'two'", slots.stderr().strip());
    ExternalTools.Output option = script("cluster.sh", "start", "--workers", "2", "--dir", dir.toString());
    assertEquals(2, option.exitCode());
    assertEquals("cluster.sh: unknown option --workers", option.stderr().strip());
    ExternalTools.Output command = script("cluster.sh", "restart", "--dir", dir.toString());
    assertEquals(2, command.exitCode());
    assertTrue(command.stderr().startsWith("cluster.sh: unknown command restart"), command.stderr());
  }

  @Test
  void memoryFlinkCannotSplitIsRefusedWithFlinksReasonAndNothingKeepsRunning() throws Exception {
    ExternalTools.Output small = script("cluster.sh", "start", "--tm-memory", "1g", "--rest-port",
        Integer.toString(FlinkCluster.freePort()), "--rpc-port", Integer.toString(FlinkCluster.freePort()), "--dir", dir.toString());
    assertEquals(1, small.exitCode(), small.stderr());
    assertTrue(small.stderr().startsWith("cluster.sh: Flink refuses the memory settings:\n"
        + "TaskManager memory configuration failed: Sum of configured Framework Heap Memory"), small.stderr());
    ExternalTools.Output status = script("cluster.sh", "status", "--dir", dir.toString());
    assertEquals(1, status.exitCode());
    assertEquals("no cluster running from " + dir, status.stdout().strip());
    ExternalTools.Output kill = script("cluster.sh", "kill-taskmanager", "1", "--dir", dir.toString());
    assertEquals("cluster.sh: TaskManager 1 is not running", kill.stderr().strip());
  }

  @Test
  void submittingWithoutAClusterSaysSo() throws Exception {
    String master = "localhost:" + FlinkCluster.freePort();
    ExternalTools.Output submit = script("submit.sh", master, "--manifest=m.txt", "--output=out");
    assertEquals(1, submit.exitCode());
    assertEquals("submit.sh: no Flink cluster answers at " + master + " (start one with runners/flink/cluster.sh "
        + "start)", submit.stderr().strip());
  }
}
