package io.ctpipe.models.bpr;

import java.io.IOException;

/** A volume that body part regression cannot score, with the reason. */
public class BodyPartRegressionException extends IOException {
  public BodyPartRegressionException(String message) {
    super(message);
  }
}
