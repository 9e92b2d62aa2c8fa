package io.ctpipe.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names from outside become paths only below their root. */
class SafePathsTest {
  @TempDir
  Path root;

  @Test
  void resolvesPlainComponentsBelowTheRoot() {
    assertEquals(root.toAbsolutePath().resolve("1.2/3.4/tissue-ct.seg.dcm"),
        SafePaths.under(root, "1.2", "3.4", "tissue-ct.seg.dcm"));
    assertEquals("gs://b/out/1.2/m.seg.dcm", SafePaths.under("gs://b/out", "1.2", "m.seg.dcm"));
    assertEquals("gs://b/out/1.2/m.seg.dcm", SafePaths.under("gs://b/out/", "1.2", "m.seg.dcm"));
  }

  @Test
  void refusesTraversalAndAbsoluteComponents() {
    String expected = "refusing to use '%s' as a file or folder name: it is empty, '.', '..', or holds '/', '\\', "
        + "':' or NUL";
    assertEquals(String.format(expected, "../../x"), assertThrows(UnsafeNameException.class,
        () -> SafePaths.under(root, "../../x", "a.seg.dcm")).getMessage());
    assertEquals(String.format(expected, "/etc/passwd"), assertThrows(UnsafeNameException.class,
        () -> SafePaths.under(root, "/etc/passwd")).getMessage());
    assertEquals(String.format(expected, ".."), assertThrows(UnsafeNameException.class,
        () -> SafePaths.under("gs://b/out", "..", "x")).getMessage());
    assertEquals(String.format(expected, ""), assertThrows(UnsafeNameException.class,
        () -> SafePaths.under("gs://b/out", "")).getMessage());
    assertEquals(String.format(expected, "a\\b"), assertThrows(UnsafeNameException.class,
        () -> SafePaths.under(root, "a\\b")).getMessage());
  }

  @Test
  void fileNamesFollowTheSafeGrammar() {
    assertEquals("auto3dseg-whole_body.v2", SafePaths.requireFileName("model id", "auto3dseg-whole_body.v2"));
    assertEquals("model id '../evil' is not a safe file name: use 1 to 128 letters, digits, '.', '_' or '-', "
        + "starting with a letter or digit", assertThrows(UnsafeNameException.class,
            () -> SafePaths.requireFileName("model id", "../evil")).getMessage());
    assertEquals("--id '.hidden' is not a safe file name: use 1 to 128 letters, digits, '.', '_' or '-', "
        + "starting with a letter or digit", assertThrows(UnsafeNameException.class,
            () -> SafePaths.requireFileName("--id", ".hidden")).getMessage());
    assertThrows(UnsafeNameException.class, () -> SafePaths.requireFileName("--id", "a".repeat(129)));
  }

  @Test
  void writesStayBelowAFileSystemsRoot() {
    assertEquals("gs://b/out/_ctpipe/series/", SafePaths.requireBelow("gs://b/out", "gs://b/out/_ctpipe/series/"));
    assertEquals("refusing to write gs://b/out/../x: it is not below gs://b/out/", assertThrows(
        UnsafeNameException.class, () -> SafePaths.requireBelow("gs://b/out", "gs://b/out/../x")).getMessage());
    assertEquals("refusing to write gs://b/outside/x: it is not below gs://b/out/", assertThrows(
        UnsafeNameException.class, () -> SafePaths.requireBelow("gs://b/out/", "gs://b/outside/x")).getMessage());
    assertThrows(UnsafeNameException.class, () -> SafePaths.requireBelow("/data/out", "/data/out//x"));
    assertThrows(UnsafeNameException.class, () -> SafePaths.requireBelow("/data/out", "/data/out/"));
  }
}
