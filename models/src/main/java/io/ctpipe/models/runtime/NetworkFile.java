package io.ctpipe.models.runtime;

import io.ctpipe.models.card.ModelCards;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An ONNX file whose SHA-256 was checked against its card, and the graph input and output to use (null: the first).
 *
 * @param fp32Source for a quantised network, the fp32 network it was made from (null: none)
 */
public record NetworkFile(String id, Path file, String sha256, String inputName, String outputName,
    NetworkFile fp32Source) {
  /** Read size: reading a whole large file in one call would leave a direct buffer of its size cached per thread. */
  private static final int CHUNK = 1 << 20;

  /** A network with no fp32 source of its own. */
  public NetworkFile(String id, Path file, String sha256, String inputName, String outputName) {
    this(id, file, sha256, inputName, outputName, null);
  }

  /** The network that runs this one's windows in fp32: its fp32 source, or itself. */
  public NetworkFile fp32() {
    return fp32Source == null ? this : fp32Source;
  }

  /** The file's bytes, read in 1 MiB chunks, checked against the SHA-256 again (the file may have changed). */
  public byte[] readVerified() throws IOException {
    long size = Files.size(file);
    if (size > Integer.MAX_VALUE - 8) {
      throw new IOException(file + " holds " + size + " bytes; the oneDNN engine reads models up to 2 GiB");
    }
    byte[] bytes = new byte[(int) size];
    try (InputStream in = new FileInputStream(file.toFile())) {
      int read = 0;
      while (read < bytes.length) {
        int n = in.read(bytes, read, Math.min(CHUNK, bytes.length - read));
        if (n < 0) {
          throw new IOException(file + " ended after " + read + " of " + size + " bytes");
        }
        read += n;
      }
    }
    String actual = ModelCards.sha256(bytes);
    if (sha256 != null && !sha256.equalsIgnoreCase(actual)) {
      throw new IOException(file + " changed: its SHA-256 is now " + actual);
    }
    return bytes;
  }
}
