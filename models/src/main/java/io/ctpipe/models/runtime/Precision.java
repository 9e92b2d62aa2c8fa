package io.ctpipe.models.runtime;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.ctpipe.dicom.EnumChoices;

/**
 * Numeric precision of inference: FP32 (the reference), BF16 (bfloat16 weights and activations, float32
 * accumulation inside the kernels) and INT8 (8-bit weights and activations with scales).
 */
public enum Precision {
  FP32, BF16, INT8;

  /** Parses a constant's name in any case, with a message naming the choices (also how Beam options read it). */
  @JsonCreator
  public static Precision parse(String text) {
    return EnumChoices.parse(Precision.class, "precision", text);
  }

  public String label() {
    return EnumChoices.label(this);
  }
}
