package io.ctpipe.models.runtime;

import io.ctpipe.models.tiling.WindowPredictor;

/**
 * A network opened for inference: the predictor, the backend and precision that actually run it, and why when that
 * differs from what was asked (null otherwise). Closing it gives the shared session or network back.
 */
public record OpenedNetwork(WindowPredictor predictor, Backend backend, Precision precision, String note)
    implements AutoCloseable {

  /** "onednn/bf16", for reports and QA rows. */
  public String describe() {
    return backend.label() + "/" + precision.label();
  }

  @Override
  public void close() {
    predictor.close();
  }
}
