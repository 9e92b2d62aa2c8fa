package io.ctpipe.models.runtime;

import java.util.Arrays;
import java.util.Locale;

/**
 * Numeric precision of inference: FP32 (the reference), BF16 (bfloat16 weights and activations, float32
 * accumulation inside the kernels) and INT8 (8-bit weights and activations with scales).
 */
public enum Precision {
  FP32, BF16, INT8;

  /** Parses fp32, bf16 or int8 (any case), with a message naming the choices. */
  public static Precision parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown precision '" + text + "'; choose one of "
          + Arrays.toString(values()).toLowerCase(Locale.ROOT));
    }
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
