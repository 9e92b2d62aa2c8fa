package io.ctpipe.transforms.qa;

import java.util.Locale;

/** Where in the pipeline a series or manifest line failed (the dead_letters.stage column). */
public enum Stage {
  MANIFEST, FETCH, DECODE, BPR, SEGMENT, WRITE;

  /** The column value: the name in lower case. */
  public String column() {
    return name().toLowerCase(Locale.ROOT);
  }
}
