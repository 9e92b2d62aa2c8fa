package io.ctpipe.models.card;

import com.fasterxml.jackson.databind.JsonNode;

/** Typed access to card fields with messages naming the field and the card. */
public record CardFields(JsonNode node, String source) {
  /** The card's "runtime" (auto, onednn, onnxruntime; default auto). */
  public io.ctpipe.models.runtime.Backend runtime() throws ModelCardException {
    try {
      return io.ctpipe.models.runtime.Backend.parse(text("runtime", "auto"));
    } catch (IllegalArgumentException e) {
      throw new ModelCardException(source + ": " + e.getMessage());
    }
  }

  /** The card's "precision" (fp32, bf16, int8; default fp32). */
  public io.ctpipe.models.runtime.Precision precision() throws ModelCardException {
    try {
      return io.ctpipe.models.runtime.Precision.parse(text("precision", "fp32"));
    } catch (IllegalArgumentException e) {
      throw new ModelCardException(source + ": " + e.getMessage());
    }
  }

  public boolean has(String name) {
    return node.has(name);
  }

  public String text(String name, String fallback) {
    JsonNode v = node.get(name);
    return v == null || v.isNull() ? fallback : v.asText();
  }

  public String requiredText(String name) throws ModelCardException {
    JsonNode v = node.get(name);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new ModelCardException(source + ": missing required field '" + name + "'");
    }
    return v.asText();
  }

  public int requiredInt(String name) throws ModelCardException {
    JsonNode v = node.get(name);
    if (v == null || !v.canConvertToInt()) {
      throw new ModelCardException(source + ": missing required integer field '" + name + "'");
    }
    return v.asInt();
  }

  public double number(String name, double fallback) throws ModelCardException {
    JsonNode v = node.get(name);
    if (v == null) {
      return fallback;
    }
    if (!v.isNumber()) {
      throw new ModelCardException(source + ": '" + name + "' must be a number");
    }
    return v.asDouble();
  }

  public double requiredNumber(String name) throws ModelCardException {
    if (!node.has(name)) {
      throw new ModelCardException(source + ": missing required field '" + name + "'");
    }
    return number(name, 0);
  }

  public double[] positiveDoubles(String name, int count) throws ModelCardException {
    JsonNode v = node.get(name);
    if (v == null || !v.isArray() || v.size() != count) {
      throw new ModelCardException(source + ": '" + name + "' must be " + count + " positive numbers");
    }
    double[] out = new double[count];
    for (int i = 0; i < count; i++) {
      out[i] = v.get(i).asDouble(-1);
      if (!(out[i] > 0)) {
        throw new ModelCardException(source + ": '" + name + "' must be " + count + " positive numbers");
      }
    }
    return out;
  }

  public int[] positiveInts(String name, int count) throws ModelCardException {
    double[] values = positiveDoubles(name, count);
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      if (values[i] != Math.rint(values[i])) {
        throw new ModelCardException(source + ": '" + name + "' must be " + count + " positive integers");
      }
      out[i] = (int) values[i];
    }
    return out;
  }
}
