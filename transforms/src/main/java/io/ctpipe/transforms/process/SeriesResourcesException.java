package io.ctpipe.transforms.process;

/** A series that needs more than a worker can give: too much memory, or it took workers down with it. */
public final class SeriesResourcesException extends Exception {
  public SeriesResourcesException(String message) {
    super(message);
  }
}
