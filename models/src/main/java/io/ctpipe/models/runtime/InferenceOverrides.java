package io.ctpipe.models.runtime;

import java.io.Serializable;

/**
 * What a command line or pipeline option says about inference: a backend and a precision (null: each card's own)
 * and the ONNX Runtime intra-op threads. Applied to a card's settings by {@link #applyTo}.
 */
public record InferenceOverrides(Backend runtime, Precision precision, int threads) implements Serializable {
  public InferenceOverrides {
    requireThreads(threads);
  }

  /** The rule for ONNX Runtime intra-op threads, also checked on command lines before any file is read. */
  public static int requireThreads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("inference threads must be at least 1, got " + threads);
    }
    return threads;
  }

  /** Each card's runtime and precision, with {@code threads}. */
  public static InferenceOverrides cardDefaults(int threads) {
    return new InferenceOverrides(null, null, threads);
  }

  /** The card's settings with these overrides. */
  public InferenceSettings applyTo(Backend cardRuntime, Precision cardPrecision) {
    return new InferenceSettings(cardRuntime, cardPrecision, threads).with(runtime, precision);
  }
}
