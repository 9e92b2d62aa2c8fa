package io.ctpipe.models.runtime;

import java.io.Serializable;
import java.util.Objects;

/**
 * What a network runs on, resolved once before any CT is read ({@link InferenceBackends#resolve}): a concrete
 * backend (never AUTO), its precision, ONNX Runtime intra-op threads, and why it is not what was asked (null when it
 * is). Backend, precision and reason enter results' identities; threads do not.
 */
public record ResolvedInference(Backend backend, Precision precision, int threads, String reason)
    implements Serializable {
  public ResolvedInference {
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(precision, "precision");
    if (backend == Backend.AUTO) {
      throw new IllegalArgumentException("a resolved backend is onednn or onnxruntime, never auto");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("inference threads must be at least 1, got " + threads);
    }
  }

  /** "onednn/bf16", for reports and QA rows. */
  public String describe() {
    return backend.label() + "/" + precision.label();
  }

  /** "ONEDNN/FP32", with {@code fallback="why"} when it is not what was asked: what results' identities carry. */
  public String identity() {
    return backend + "/" + precision + (reason == null ? "" : " fallback=\"" + reason + "\"");
  }
}
