package io.ctpipe.models.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Hand-written pickle bytes (protocol 2 opcodes) and the torch.save zip around them, for crafted checkpoints. */
final class PickleBytes {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  PickleBytes() {
    op(0x80, 2);
  }

  /** Raw opcodes and operand bytes. */
  PickleBytes op(int... bytes) {
    for (int b : bytes) {
      out.write(b);
    }
    return this;
  }

  /** Repeats one opcode. */
  PickleBytes repeat(int opcode, int times) {
    for (int i = 0; i < times; i++) {
      out.write(opcode);
    }
    return this;
  }

  PickleBytes text(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    op('X').u32(utf8.length);
    out.writeBytes(utf8);
    return this;
  }

  /** BININT (a signed 32-bit whole number). */
  PickleBytes integer(long value) {
    return op('J').u32(value);
  }

  PickleBytes global(String module, String name) {
    op('c');
    out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
    return this;
  }

  /**
   * {@code _rebuild_tensor_v2} of a float32 storage {@code key} of {@code elements}, as torch.save writes it:
   * leaves the tensor on the stack.
   */
  PickleBytes tensor(String key, long elements, long offset, long[] size, long[] stride) {
    global("torch._utils", "_rebuild_tensor_v2").op('(');
    op('(').text("storage").global("torch", "FloatStorage").text(key).text("cpu").integer(elements).op('t', 'Q');
    integer(offset);
    tuple(size).tuple(stride).op(0x89);
    global("collections", "OrderedDict").op(')', 'R');
    return op('t', 'R');
  }

  private PickleBytes tuple(long[] values) {
    op('(');
    for (long v : values) {
      integer(v);
    }
    return op('t');
  }

  private PickleBytes u32(long v) {
    return op((int) v & 0xFF, (int) (v >> 8) & 0xFF, (int) (v >> 16) & 0xFF, (int) (v >> 24) & 0xFF);
  }

  /** The pickle with STOP. */
  byte[] bytes() {
    op('.');
    return out.toByteArray();
  }

  /** Writes {@code archive/data.pkl} and {@code archive/data/KEY} for each storage, uncompressed as torch.save. */
  static Path checkpoint(Path file, byte[] pickle, Map<String, byte[]> storages) throws IOException {
    try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
      zip.setLevel(Deflater.NO_COMPRESSION);
      zip.putNextEntry(new ZipEntry("archive/data.pkl"));
      zip.write(pickle);
      for (Map.Entry<String, byte[]> e : storages.entrySet()) {
        zip.putNextEntry(new ZipEntry("archive/data/" + e.getKey()));
        zip.write(e.getValue());
      }
    }
    return file;
  }
}
