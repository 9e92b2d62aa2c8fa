package io.ctpipe.models.runtime.onednn;

/** bfloat16 bit patterns: the upper half of a float32, rounded to nearest even. */
final class Bf16 {
  private Bf16() {}

  static short fromFloat(float value) {
    int bits = Float.floatToRawIntBits(value);
    if (Float.isNaN(value)) {
      return (short) ((bits >>> 16) | 0x40);
    }
    return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
  }
}
