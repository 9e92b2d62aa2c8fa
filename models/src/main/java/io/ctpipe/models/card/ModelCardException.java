package io.ctpipe.models.card;

import java.io.IOException;

/** A model card that is missing, malformed, or does not match its model file. */
public class ModelCardException extends IOException {
  public ModelCardException(String message) {
    super(message);
  }
}
