package io.ctpipe.pipeline.beam;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Cluster-test helpers: the shaded ctpipe jar run in a JVM of its own (so that a test can kill it), the project's
 * scripts, and the per-series results a run has committed so far.
 */
final class CtpipeProcess {
  private CtpipeProcess() {}

  /** The shaded jar the build just made (the cluster tests run after packaging). */
  static Path jar() {
    Path jar = Path.of(System.getProperty("ctpipe.jar", "target/ctpipe.jar"));
    assertTrue(Files.isRegularFile(jar), jar + " is missing: cluster tests run in Maven's integration-test phase, "
        + "after the shaded jar is packaged");
    return jar;
  }

  /** A script of the project, e.g. runners/flink/cluster.sh. */
  static Path script(String relative) {
    Path script = Path.of(System.getProperty("ctpipe.root", "..")).resolve(relative);
    assertTrue(Files.isRegularFile(script), script + " is missing");
    return script;
  }

  /** Starts {@code java [jvmOptions] -jar ctpipe.jar [args]} with its output in {@code log}. */
  static Process start(Path log, List<String> jvmOptions, List<String> args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString()));
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(args);
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Waits for a started process; returns its output, failing with it when the exit status is not 0. */
  static String finished(Process process, Path log) throws IOException, InterruptedException {
    int status = process.waitFor();
    String output = Files.readString(log);
    if (status != 0) {
      fail("exit status " + status + ":\n" + output);
    }
    return output;
  }

  /** The counts of a run's summary line: series processed in the run and series reused from earlier runs. */
  record Summary(int processed, int reused) {}

  /** Reads the summary line of a run with no failure; fails with the output when there is none. */
  static Summary summary(String output) {
    Matcher m = Pattern.compile("series: (\\d+) processed \\((\\d+) complete, 0 partial\\), 0 failed, (\\d+) "
        + "reused from earlier runs").matcher(output);
    assertTrue(m.find(), output);
    return new Summary(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(3)));
  }

  /** The result files (committed series) and attempt files below a run's output root. */
  static List<Path> committed(Path output, String suffix) throws IOException {
    Path root = output.resolve("_ctpipe/series");
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.getFileName().toString().contains(suffix)).toList();
    }
  }

  /** Waits until a running process has committed {@code count} series; fails with its log if it ends first. */
  static void awaitCommitted(Process process, Path log, Path output, int count) throws Exception {
    while (committed(output, ".avro").size() < count) {
      if (!process.isAlive()) {
        fail("the run ended before " + count + " series were committed:\n" + Files.readString(log));
      }
      Thread.sleep(100);
    }
  }
}
