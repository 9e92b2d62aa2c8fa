package io.ctpipe.transforms.result;

import java.util.Locale;

/** Whether a model finished on a series (the status column of series_qa's bpr and models records). */
public enum Status {
  OK, FAILED;

  /** The column value: ok or failed. */
  public String column() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status a column value names. */
  public static Status ofColumn(String value) {
    for (Status s : values()) {
      if (s.column().equals(value)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown model status '" + value + "': expected ok or failed");
  }
}
