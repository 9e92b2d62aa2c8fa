package io.ctpipe.models.checkpoint;

import java.io.IOException;

/** A PyTorch checkpoint that cannot be read safely: its message names what was refused and where. */
public class CheckpointException extends IOException {
  public CheckpointException(String message) {
    super(message);
  }
}
