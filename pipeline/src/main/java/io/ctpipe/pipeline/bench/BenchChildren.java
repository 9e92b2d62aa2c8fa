package io.ctpipe.pipeline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one benchmark configuration in a child JVM (so that each peak RSS is its own) and reads the JSON object the
 * child prints last.
 */
final class BenchChildren {
  private BenchChildren() {}

  /**
   * Runs one {@code bench segment} configuration, given by the options of {@code bench segment} in {@code args}, in a
   * JVM ({@link BenchMain}) with heap {@code xmx}; its standard error goes to ours.
   */
  static JsonNode run(String xmx, List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-Xmx" + xmx, "-cp", System.getProperty("java.class.path"), BenchMain.class.getName()));
    command.addAll(args);
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("benchmark child failed: " + out);
    }
    return BenchJson.MAPPER.readTree(out.lines().reduce((a, b) -> b).orElse("{}"));
  }
}
