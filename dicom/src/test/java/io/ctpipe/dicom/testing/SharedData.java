package io.ctpipe.dicom.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates {@code ../shared/data} (system property {@code ctpipe.shared}). Tests that need it skip with a message
 * when it is absent, and fail instead in CI (environment CI=true) or with
 * {@code -Dctpipe.requireShared=true}.
 */
public final class SharedData {
  private SharedData() {}

  public static Path root() {
    return Path.of(System.getProperty("ctpipe.shared", "../../shared")).toAbsolutePath().normalize();
  }

  /**
   * True when {@code shared/data} is there, for tests whose core runs without it and add its files when present;
   * in CI its absence fails the test.
   */
  public static boolean available() {
    boolean present = Files.isDirectory(root().resolve("data"));
    if (!present && Strictness.required("ctpipe.requireShared")) {
      fail("shared/data not found at " + root().resolve("data") + ": required in CI");
    }
    return present;
  }

  /** The path below {@code shared/data}, or a skipped test when it is not there. */
  public static Path require(String relative) {
    return requireInShared("data/" + relative);
  }

  /** The path below {@code shared/} (data, models), or a skipped test when it is not there. */
  public static Path requireInShared(String relative) {
    Path path = root().resolve(relative);
    if (!Files.exists(path)) {
      String message = "shared test file not found at " + path + " (set -Dctpipe.shared=DIR): skipping";
      if (Strictness.required("ctpipe.requireShared")) {
        fail(message.replace(": skipping", ": required in CI"));
      }
      Assumptions.abort(message);
    }
    return path;
  }
}
