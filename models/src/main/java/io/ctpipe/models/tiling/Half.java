package io.ctpipe.models.tiling;

/** IEEE 754 binary16 conversion (Java 17 has no Float.floatToFloat16): round to nearest even, with subnormals. */
public final class Half {
  /** Every binary16 value as a float, indexed by its bits: a load instead of branches in the accumulators' loops. */
  private static final float[] FLOATS = new float[1 << 16];

  static {
    for (int h = 0; h < FLOATS.length; h++) {
      FLOATS[h] = decode(h);
    }
  }

  private Half() {}

  public static float toFloat(short h) {
    return FLOATS[h & 0xFFFF];
  }

  private static float decode(int h) {
    int bits = h & 0xFFFF;
    int sign = (bits & 0x8000) << 16;
    int exponent = (bits >>> 10) & 0x1F;
    int mantissa = bits & 0x3FF;
    if (exponent == 0x1F) {
      return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
    }
    if (exponent == 0) {
      float value = mantissa * 0x1p-24f;
      return sign == 0 ? value : -value;
    }
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }

  static short fromFloat(float f) {
    int bits = Float.floatToRawIntBits(f);
    int sign = (bits >>> 16) & 0x8000;
    int abs = bits & 0x7FFFFFFF;
    if (abs >= 0x7F800000) {
      return (short) (sign | 0x7C00 | (abs > 0x7F800000 ? 0x200 : 0));
    }
    if (abs >= 0x477FF000) {
      return (short) (sign | 0x7C00); // overflows to infinity
    }
    if (abs < 0x38800000) { // below the smallest normal half: a subnormal half, or zero
      int shift = 126 - (abs >>> 23);
      if (shift > 24) {
        return (short) sign;
      }
      int mantissa = (abs & 0x7FFFFF) | 0x800000;
      int half = mantissa >>> shift;
      int rest = mantissa & ((1 << shift) - 1);
      int halfway = 1 << (shift - 1);
      if (rest > halfway || (rest == halfway && (half & 1) == 1)) {
        half++;
      }
      return (short) (sign | half);
    }
    int rounded = abs + 0xFFF + ((abs >>> 13) & 1);
    return (short) (sign | ((rounded - 0x38000000) >>> 13));
  }
}
