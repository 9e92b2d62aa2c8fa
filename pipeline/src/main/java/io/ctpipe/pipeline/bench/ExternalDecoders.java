package io.ctpipe.pipeline.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Stream;

/** Runs pydicom and dcmtk on the same files, for the decode benchmark's comparison rows. */
final class ExternalDecoders {
  private static final String SYSTEM_PYTHON = "/usr/bin/python3";
  private static final String PYDICOM_SCRIPT = String.join("\n",
      "import sys, time, statistics, pydicom",
      "runs = int(sys.argv[1]); files = sys.argv[2:]",
      "times = []",
      "for i in range(runs + 1):",
      "    t = time.perf_counter()",
      "    for f in files:",
      "        ds = pydicom.dcmread(f)",
      "        a = ds.pixel_array * float(getattr(ds, 'RescaleSlope', 1)) + float(getattr(ds, 'RescaleIntercept', 0))",
      "    if i > 0: times.append(time.perf_counter() - t)",
      "print(statistics.median(times))");

  private ExternalDecoders() {}

  /** Median seconds for pydicom to read the files and compute HU arrays, excluding interpreter start-up. */
  static OptionalDouble pydicomSeconds(List<String> files, int runs) throws IOException, InterruptedException {
    if (!Files.isExecutable(Path.of(SYSTEM_PYTHON))) {
      return OptionalDouble.empty();
    }
    List<String> command = new ArrayList<>(List.of(SYSTEM_PYTHON, "-c", PYDICOM_SCRIPT, Integer.toString(runs)));
    command.addAll(files);
    String out = run(command);
    return out == null ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(out.trim()));
  }

  static String pydicomVersion() {
    try {
      String out = run(List.of(SYSTEM_PYTHON, "-c", "import pydicom; print(pydicom.__version__)"));
      return out == null ? "" : out.trim();
    } catch (IOException | InterruptedException e) {
      return "";
    }
  }

  /** Median wall seconds of one dcmdump process parsing all files and writing their pixel data out. */
  static OptionalDouble dcmdumpSeconds(List<String> files, int runs) throws IOException, InterruptedException {
    Path dcmdump = Path.of("/usr/bin/dcmdump");
    if (!Files.isExecutable(dcmdump)) {
      return OptionalDouble.empty();
    }
    Path out = Files.createTempDirectory("ctpipe-bench-dcmdump");
    try {
      List<Long> nanos = new ArrayList<>();
      for (int i = 0; i < runs + 1; i++) {
        List<String> command = new ArrayList<>(List.of(dcmdump.toString(), "-q", "+W", out.toString()));
        command.addAll(files);
        long start = System.nanoTime();
        if (run(command) == null) {
          return OptionalDouble.empty();
        }
        if (i > 0) {
          nanos.add(System.nanoTime() - start);
        }
      }
      return OptionalDouble.of(Statistics.median(nanos) / 1e9);
    } finally {
      try (Stream<Path> walk = Files.walk(out)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** Runs a command and returns its standard output, or null when it failed. */
  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = p.getInputStream().readAllBytes();
    return p.waitFor() == 0 ? new String(out, StandardCharsets.UTF_8) : null;
  }
}
