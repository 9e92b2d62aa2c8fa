package io.ctpipe.models.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Reads and writes NumPy .npy files (version 1, little-endian, C order) for exchanging arrays with Python. */
public final class Npy {
  private Npy() {}

  private static ByteBuffer data(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int headerLength = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
    return ByteBuffer.wrap(bytes, 10 + headerLength, bytes.length - 10 - headerLength).slice()
        .order(ByteOrder.LITTLE_ENDIAN);
  }

  public static float[] readFloats(Path file) throws IOException {
    FloatBuffer b = data(file).asFloatBuffer();
    float[] out = new float[b.remaining()];
    b.get(out);
    return out;
  }

  public static byte[] readBytes(Path file) throws IOException {
    ByteBuffer b = data(file);
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  /** Writes float32 values with the given shape. */
  public static void writeFloats(Path file, int[] shape, float[] values) throws IOException {
    String dims = Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    StringBuilder header = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims
        + (shape.length == 1 ? "," : "") + "), }");
    while ((10 + header.length() + 1) % 64 != 0) {
      header.append(' ');
    }
    header.append('\n');
    byte[] h = header.toString().getBytes(StandardCharsets.US_ASCII);
    ByteBuffer out = ByteBuffer.allocate(10 + h.length + values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    out.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0)
        .putShort((short) h.length).put(h);
    out.asFloatBuffer().put(values);
    Files.write(file, out.array());
  }
}
