package io.ctpipe.pipeline.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ctpipe.dicom.testing.ExternalTools;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Flink 1.19 session cluster for a test, started and stopped with runners/flink/cluster.sh (one JobManager
 * and N TaskManagers, each its own JVM, on free loopback ports), its files in a folder of the test's.
 */
final class FlinkCluster implements AutoCloseable {
  private final Path dir;
  private final int restPort;

  private FlinkCluster(Path dir, int restPort) {
    this.dir = dir;
    this.restPort = restPort;
  }

  /** Starts a cluster; {@code settings} are extra "key=value" Flink settings. */
  static FlinkCluster start(Path dir, int taskManagers, int slots, String tmMemory, List<String> settings)
      throws Exception {
    int rest = freePort();
    List<String> command = new ArrayList<>(List.of("bash", CtpipeProcess.script("runners/flink/cluster.sh")
        .toString(), "start", "--dir", dir.toString(), "--taskmanagers", Integer.toString(taskManagers), "--slots",
        Integer.toString(slots), "--tm-memory", tmMemory, "--rest-port", Integer.toString(rest), "--rpc-port",
        Integer.toString(freePort())));
    for (String setting : settings) {
      command.add("--set");
      command.add(setting);
    }
    FlinkCluster cluster = new FlinkCluster(dir, rest);
    try {
      run(command);
    } catch (Exception | AssertionError e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /** host:port of the REST endpoint, for --flinkMaster. */
  String master() {
    return "localhost:" + restPort;
  }

  /** SIGKILLs TaskManager {@code number} (1-based). */
  void killTaskManager(int number) throws Exception {
    run(List.of("bash", CtpipeProcess.script("runners/flink/cluster.sh").toString(), "kill-taskmanager",
        Integer.toString(number), "--dir", dir.toString()));
  }

  Path logs() {
    return dir.resolve("log");
  }

  @Override
  public void close() throws IOException {
    try {
      run(List.of("bash", CtpipeProcess.script("runners/flink/cluster.sh").toString(), "stop", "--dir",
          dir.toString()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs cluster.sh, failing with its output unless it exits 0. */
  private static void run(List<String> command) throws IOException, InterruptedException {
    ExternalTools.Output output = ExternalTools.run(command);
    assertEquals(0, output.exitCode(), command + ":\n" + output.stdout() + output.stderr());
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
