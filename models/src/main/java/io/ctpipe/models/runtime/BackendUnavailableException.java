package io.ctpipe.models.runtime;

/**
 * A network cannot run on the backend and precision it was resolved to (another CPU than the one that resolved it,
 * a native library that does not load here); the message names both and why. Nothing falls back: a result under an
 * identity it does not match is never made.
 */
public final class BackendUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  public BackendUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
