package io.ctpipe.models.runtime.onednn;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An initializer or Constant value: float data as a little-endian view of the model's own bytes (weights are never
 * copied onto the heap), int8 data likewise (quantised weights), or integer data (shapes, pads, axes, zero points).
 * A released constant keeps its dimensions only.
 */
record ConstantTensor(long[] dims, ByteBuffer floatBytes, long[] ints, ByteBuffer int8Bytes) {
  /** Float constants larger than this are released once their weights are made (small ones stay). */
  static final long SMALL = 4096;

  static ConstantTensor ofFloats(long[] dims, float[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    return new ConstantTensor(dims, b, null, null);
  }

  long elements() {
    return Arrays.stream(dims).reduce(1, (a, b) -> a * b);
  }

  boolean isFloat() {
    return floatBytes != null;
  }

  ConstantTensor release() {
    return (isFloat() || int8Bytes != null) && elements() > SMALL ? new ConstantTensor(dims, null, null, null) : this;
  }

  /** Copies int8 values into {@code target}. */
  void copyInt8To(ByteBuffer target) {
    if (int8Bytes == null) {
      throw new ReleasedConstantException();
    }
    target.put(int8Bytes.duplicate());
  }

  float[] asFloats() {
    if (floatBytes != null) {
      float[] f = new float[(int) elements()];
      floatBytes.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f);
      return f;
    }
    if (int8Bytes != null) {
      ByteBuffer b = int8Bytes.duplicate();
      float[] f = new float[b.remaining()];
      for (int i = 0; i < f.length; i++) {
        f[i] = b.get();
      }
      return f;
    }
    if (ints == null) {
      throw new ReleasedConstantException();
    }
    float[] f = new float[ints.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = ints[i];
    }
    return f;
  }

  long[] asInts() {
    if (ints != null) {
      return ints;
    }
    float[] f = asFloats();
    long[] l = new long[f.length];
    for (int i = 0; i < l.length; i++) {
      l[i] = (long) f[i];
    }
    return l;
  }

  /** Copies the float values into {@code target} (native order). */
  void copyFloatsTo(ByteBuffer target) {
    if (floatBytes == null) {
      asFloats();
    }
    target.asFloatBuffer().put(floatBytes.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer());
  }

  /** True when every value equals {@code v}. */
  boolean allEqual(float v) {
    for (float f : asFloats()) {
      if (f != v) {
        return false;
      }
    }
    return true;
  }

  /** A released constant's values were needed: the graph must be read again. */
  static final class ReleasedConstantException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ReleasedConstantException() {
      super("the constant was released after compilation");
    }
  }
}
