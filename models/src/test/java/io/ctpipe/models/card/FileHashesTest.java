package io.ctpipe.models.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model file is read once per JVM for its hash while its size and modification time stay; a new version is read
 * again, and a file modified just now is not remembered (a same-size rewrite could share its time stamp).
 */
class FileHashesTest {
  @TempDir
  Path folder;

  private static void modifiedAgo(Path file, Duration ago) throws Exception {
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(ago)));
  }

  @Test
  void aSettledFileIsReadOnceAndANewVersionAgain() throws Exception {
    Path model = folder.resolve("model.onnx");
    Files.write(model, new byte[] {1, 2, 3});
    modifiedAgo(model, Duration.ofHours(2));
    long before = FileHashes.reads();
    String first = ModelCards.verifiedSha256(model, null, "m");
    assertEquals(first, ModelCards.verifiedSha256(model, first, "m"));
    assertEquals(first, FileHashes.sha256(model.resolveSibling("./model.onnx")));
    assertEquals(1, FileHashes.reads() - before, "read once for three checks");
    assertEquals(ModelCards.sha256(new byte[] {1, 2, 3}), first);

    Files.write(model, new byte[] {1, 2, 4});
    modifiedAgo(model, Duration.ofHours(1));
    String second = FileHashes.sha256(model);
    assertNotEquals(first, second);
    assertEquals(2, FileHashes.reads() - before, "a new version is read again");
  }

  @Test
  void aFileModifiedJustNowIsReadEachTime() throws Exception {
    Path model = folder.resolve("fresh.onnx");
    Files.write(model, new byte[] {5});
    long before = FileHashes.reads();
    FileHashes.sha256(model);
    FileHashes.sha256(model);
    assertEquals(2, FileHashes.reads() - before);
  }

  @Test
  void aMismatchIsStillRefusedWhenTheHashIsRemembered() throws Exception {
    Path model = folder.resolve("known.onnx");
    Files.write(model, new byte[] {7});
    modifiedAgo(model, Duration.ofHours(2));
    ModelCards.verifiedSha256(model, null, "m");
    ModelCardException e = assertThrows(ModelCardException.class,
        () -> ModelCards.verifiedSha256(model, "00", "m"));
    assertEquals("SHA-256 of " + model + " is " + ModelCards.sha256(new byte[] {7}) + " but card 'm' says 00",
        e.getMessage());
  }
}
