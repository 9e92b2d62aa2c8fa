package io.ctpipe.models.runtime.onednn;

/** The oneDNN engine cannot run this graph (an operator, attribute or shape outside its set); the message says which. */
public final class UnsupportedModelException extends Exception {
  private static final long serialVersionUID = 1L;

  public UnsupportedModelException(String message) {
    super(message);
  }
}
