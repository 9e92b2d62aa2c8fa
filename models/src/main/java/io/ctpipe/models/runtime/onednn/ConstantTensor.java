package io.ctpipe.models.runtime.onednn;

import java.util.Arrays;

/** An initializer or Constant value: float data (weights, scales) or integer data (shapes, pads, axes). */
record ConstantTensor(long[] dims, float[] floats, long[] ints) {

  long elements() {
    return Arrays.stream(dims).reduce(1, (a, b) -> a * b);
  }

  float[] asFloats() {
    if (floats != null) {
      return floats;
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
    long[] l = new long[floats.length];
    for (int i = 0; i < l.length; i++) {
      l[i] = (long) floats[i];
    }
    return l;
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
}
