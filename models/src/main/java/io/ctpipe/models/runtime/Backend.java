package io.ctpipe.models.runtime;

import java.util.Arrays;
import java.util.Locale;

/**
 * The engine that runs a network: ctpipe's oneDNN engine, ONNX Runtime's CPU provider, or AUTO (oneDNN when it
 * runs the graph in the asked precision, else ONNX Runtime, with the reason noted).
 */
public enum Backend {
  AUTO, ONEDNN, ONNXRUNTIME;

  /** Parses auto, onednn or onnxruntime (any case). */
  public static Backend parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown runtime '" + text + "'; choose one of "
          + Arrays.toString(values()).toLowerCase(Locale.ROOT));
    }
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
