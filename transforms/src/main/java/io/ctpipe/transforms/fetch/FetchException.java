package io.ctpipe.transforms.fetch;

import java.io.IOException;

/** A series that could not be fetched, and whether trying again later might succeed. */
public class FetchException extends IOException {
  private final boolean retryable;

  public FetchException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public FetchException(String message, boolean retryable) {
    this(message, retryable, null);
  }

  public boolean retryable() {
    return retryable;
  }
}
