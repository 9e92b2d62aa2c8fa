package io.ctpipe.transforms.qa;

import java.util.Locale;

/**
 * Where in the pipeline a series or manifest line failed (the dead_letters.stage column); RESOURCES: the series needs
 * more memory than the worker has, or crashed its worker, or the worker resolved another configuration than the
 * launch.
 */
public enum Stage {
  MANIFEST, FETCH, RESOURCES, DECODE, BPR, SEGMENT, WRITE;

  /** The column value: the name in lower case. */
  public String column() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The stage a column value names. */
  public static Stage ofColumn(String value) {
    for (Stage s : values()) {
      if (s.column().equals(value)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown stage '" + value + "': expected one of manifest, fetch, resources, "
        + "decode, bpr, segment, write");
  }
}
