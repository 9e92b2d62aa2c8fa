package io.ctpipe.models.runtime;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/** Direct float buffers in native order for network inputs and outputs, bounded to one 2 GiB buffer. */
public final class DirectFloats {
  private DirectFloats() {}

  public static FloatBuffer allocate(long floats) {
    if (floats * 4 > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(floats + " floats exceed one 2 GiB buffer: use a smaller window batch");
    }
    return ByteBuffer.allocateDirect((int) floats * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
  }
}
