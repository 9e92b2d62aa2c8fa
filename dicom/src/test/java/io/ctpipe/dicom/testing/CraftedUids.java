package io.ctpipe.dicom.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Crafts hostile series for tests: replaces a UID in every file of a folder by a value of the same length (so no
 * element length changes), e.g. {@code ../../x000…} or {@code /tmp/evil000…}.
 */
public final class CraftedUids {
  private CraftedUids() {}

  /**
   * Replaces {@code uid} by {@code prefix} padded with '0' to the UID's length, in every file below {@code folder}.
   *
   * @return the value written
   */
  public static String replace(Path folder, String uid, String prefix) throws IOException {
    if (prefix.length() > uid.length()) {
      throw new IllegalArgumentException("the crafted value is longer than the UID it replaces");
    }
    String value = prefix + "0".repeat(uid.length() - prefix.length());
    byte[] from = uid.getBytes(StandardCharsets.US_ASCII);
    byte[] to = value.getBytes(StandardCharsets.US_ASCII);
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 0; i + from.length <= bytes.length; i++) {
          if (matches(bytes, i, from)) {
            System.arraycopy(to, 0, bytes, i, to.length);
          }
        }
        Files.write(file, bytes);
      }
    }
    return value;
  }

  private static boolean matches(byte[] bytes, int at, byte[] what) {
    for (int j = 0; j < what.length; j++) {
      if (bytes[at + j] != what[j]) {
        return false;
      }
    }
    return true;
  }
}
