package io.ctpipe.models.runtime;

import io.ctpipe.models.tiling.WindowPredictor;

/**
 * A network opened for inference: the predictor, and the backend and precision that run it with the reason when
 * they are not the ones asked for. Closing it gives the shared session or network back.
 */
public record OpenedNetwork(WindowPredictor predictor, ResolvedInference runs) implements AutoCloseable {

  public Backend backend() {
    return runs.backend();
  }

  public Precision precision() {
    return runs.precision();
  }

  /** Why the backend or precision differs from the one asked for, or null. */
  public String note() {
    return runs.reason();
  }

  /** "onednn/bf16", for reports and QA rows. */
  public String describe() {
    return runs.describe();
  }

  @Override
  public void close() {
    predictor.close();
  }
}
