package io.ctpipe.transforms.process;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A local write replaces its target whole and leaves no temporary file behind. */
public class DurableLocalFilesTest {
  @Rule
  public final TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void aWriteReplacesTheTargetAndConsumesItsTemporaryFile() throws Exception {
    Path root = folder.getRoot().toPath();
    Path target = root.resolve("a/b/result.avro");
    DurableLocalFiles.write(root.resolve("tmp/1-result.avro"), target, new byte[] {1, 2, 3});
    DurableLocalFiles.write(root.resolve("tmp/2-result.avro"), target, new byte[] {4, 5});
    assertArrayEquals(new byte[] {4, 5}, Files.readAllBytes(target));
    assertFalse(Files.exists(root.resolve("tmp/1-result.avro")));
    assertFalse(Files.exists(root.resolve("tmp/2-result.avro")));
  }
}
