package io.ctpipe.models.qa;

import java.util.LinkedHashMap;
import java.util.Map;

/** The named numbers of a check outcome, in the order given; doubles rounded to 3 decimals for reading. */
final class Numbers {
  private Numbers() {}

  static Map<String, Object> of(Object... namesAndValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      Object v = namesAndValues[i + 1];
      out.put((String) namesAndValues[i], v instanceof Double x ? Math.round(x * 1000) / 1000.0 : v);
    }
    return out;
  }
}
