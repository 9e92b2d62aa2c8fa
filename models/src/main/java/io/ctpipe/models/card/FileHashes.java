package io.ctpipe.models.card;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SHA-256 of model files, read once per JVM for each path, size and modification time (launch checks, every worker
 * thread's configuration and every network it opens ask for the same files). A file modified less than
 * {@link #SETTLED} before it is read is not remembered: a rewrite of the same size within the file system's time
 * granularity would otherwise keep its old hash.
 */
final class FileHashes {
  static final Duration SETTLED = Duration.ofSeconds(2);
  private static final Map<Key, Hash> KNOWN = new ConcurrentHashMap<>();
  private static final AtomicLong READS = new AtomicLong();

  private record Key(Path file, long size, FileTime modified) {}

  private FileHashes() {}

  /** The file's SHA-256 in lower-case hex. */
  static String sha256(Path file) throws IOException {
    Instant asked = Instant.now();
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    if (!attributes.lastModifiedTime().toInstant().isBefore(asked.minus(SETTLED))) {
      return read(file);
    }
    Key key = new Key(file.toAbsolutePath().normalize(), attributes.size(), attributes.lastModifiedTime());
    return KNOWN.computeIfAbsent(key, k -> new Hash()).of(file);
  }

  /** How many times this JVM has read a file to hash it. */
  static long reads() {
    return READS.get();
  }

  private static String read(Path file) throws IOException {
    READS.incrementAndGet();
    MessageDigest digest = digest();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 20];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** A new SHA-256 digest (every JVM has one). */
  static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One file version's hash, read by the first thread that asks while the others wait. */
  private static final class Hash {
    private String value;

    synchronized String of(Path file) throws IOException {
      if (value == null) {
        value = read(file);
      }
      return value;
    }
  }
}
