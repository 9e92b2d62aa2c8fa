package io.ctpipe.models.imports;

import java.io.IOException;

/** A model file that cannot be imported: the message names the file and what is wrong or unsupported. */
public class ImportException extends IOException {
  public ImportException(String message) {
    super(message);
  }

  public ImportException(String message, Throwable cause) {
    super(message, cause);
  }
}
