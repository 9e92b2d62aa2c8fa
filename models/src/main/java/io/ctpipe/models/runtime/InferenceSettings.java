package io.ctpipe.models.runtime;

import java.io.Serializable;
import java.util.Objects;

/**
 * How a network runs: backend, precision and ONNX Runtime intra-op threads (the oneDNN engine uses OpenMP, sized by
 * {@code OMP_NUM_THREADS}, default all cores). Validated when made.
 */
public record InferenceSettings(Backend backend, Precision precision, int threads) implements Serializable {
  public InferenceSettings {
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(precision, "precision");
    if (threads < 1) {
      throw new IllegalArgumentException("inference threads must be at least 1, got " + threads);
    }
  }

  /** AUTO and FP32 with the given threads. */
  public static InferenceSettings defaults(int threads) {
    return new InferenceSettings(Backend.AUTO, Precision.FP32, threads);
  }

  /** This with each non-null override applied (the card's choice first, then a command line's). */
  public InferenceSettings with(Backend newBackend, Precision newPrecision) {
    return new InferenceSettings(newBackend != null ? newBackend : backend,
        newPrecision != null ? newPrecision : precision, threads);
  }

  /** "auto/fp32", for identities and logs. */
  public String describe() {
    return backend.label() + "/" + precision.label();
  }
}
