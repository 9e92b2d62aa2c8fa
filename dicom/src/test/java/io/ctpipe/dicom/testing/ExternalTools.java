package io.ctpipe.dicom.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs independent DICOM tools (dcmtk, dicom3tools, pydicom) from tests. A missing tool skips the test with a
 * message, or fails it in CI (environment CI=true, after .ci/run installed the tools) or with
 * {@code -Dctpipe.requireTools=true}.
 */
public final class ExternalTools {
  public static final String PYTHON = "/usr/bin/python3";

  /** What a finished process printed. */
  public record Output(int exitCode, String stdout, String stderr) {}

  private ExternalTools() {}

  /** Skips (or fails in CI) unless the executable exists. */
  public static String require(String executable) {
    return requireFile(executable, Files.isExecutable(Path.of(executable)));
  }

  /** Skips (or fails in CI) unless the file (a plugin, a library) exists. */
  public static String requireFile(String file) {
    return requireFile(file, Files.isReadable(Path.of(file)));
  }

  private static String requireFile(String executable, boolean present) {
    if (!present) {
      String message = executable + " is not installed (see .ci/run for the Debian packages): skipping";
      if (Strictness.required("ctpipe.requireTools")) {
        fail(message.replace(": skipping", ": required in CI"));
      }
      Assumptions.abort(message);
    }
    return executable;
  }

  /** Skips (or fails in CI) unless the system Python can import the module. */
  public static void requirePythonModule(String module) throws IOException, InterruptedException {
    require(PYTHON);
    if (run(List.of(PYTHON, "-c", "import " + module)).exitCode() != 0) {
      String message = "Python module " + module + " is not installed for " + PYTHON + ": skipping";
      if (Strictness.required("ctpipe.requireTools")) {
        fail(message);
      }
      Assumptions.abort(message);
    }
  }

  /** Copies a test resource script to a temporary file and returns its path. */
  public static Path script(String resource) throws IOException {
    Path file = Files.createTempFile("ctpipe-", "-" + resource);
    try (InputStream in = ExternalTools.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new IOException("missing test resource " + resource);
      }
      Files.write(file, in.readAllBytes());
    }
    file.toFile().deleteOnExit();
    return file;
  }

  /**
   * Runs a test resource Python script that needs the module; skips (or fails in CI) without the module, fails on
   * a non-zero exit with what the script printed to stderr. Returns its stdout.
   */
  public static String runPythonScript(String requiredModule, String resource, String... args)
      throws IOException, InterruptedException {
    requirePythonModule(requiredModule);
    List<String> command = new ArrayList<>(List.of(PYTHON, script(resource).toString()));
    command.addAll(List.of(args));
    Output out = run(command);
    if (out.exitCode() != 0) {
      fail(resource + " exited with " + out.exitCode() + ": " + out.stderr());
    }
    return out.stdout();
  }

  public static Output run(List<String> command) throws IOException, InterruptedException {
    Path out = Files.createTempFile("ctpipe-tool", ".out");
    Path err = Files.createTempFile("ctpipe-tool", ".err");
    try {
      Process p = new ProcessBuilder(new ArrayList<>(command)).redirectOutput(out.toFile())
          .redirectError(err.toFile()).start();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IOException("timed out: " + command);
      }
      return new Output(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
