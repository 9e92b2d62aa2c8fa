package io.ctpipe.dicom;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Deterministic UIDs in the UUID-derived {@code 2.25.} form (PS3.5 B.2), from names. */
public final class Uids {
  private Uids() {}

  /**
   * A UID derived from the given parts: the same parts always give the same UID, different parts give different
   * UIDs with UUID (name-based, MD5) collision odds.
   */
  public static String fromName(String... parts) {
    String joined = String.join("\u001f", parts);
    UUID uuid = UUID.nameUUIDFromBytes(joined.getBytes(StandardCharsets.UTF_8));
    ByteBuffer b = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
        .putLong(uuid.getLeastSignificantBits());
    return "2.25." + new BigInteger(1, b.array());
  }
}
