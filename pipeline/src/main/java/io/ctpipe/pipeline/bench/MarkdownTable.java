package io.ctpipe.pipeline.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Markdown table as the benchmarks print it: a header row, a separator row, data rows. */
record MarkdownTable(List<String> header, List<List<String>> rows) {
  private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

  /** The first table in {@code text}; other lines are ignored. */
  static MarkdownTable parse(String text) {
    List<String> header = null;
    List<List<String>> rows = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.startsWith("|")) {
        if (header != null && !rows.isEmpty()) {
          break;
        }
        continue;
      }
      List<String> cells = cells(line);
      if (header == null) {
        header = cells;
      } else if (!cells.stream().allMatch(c -> c.matches(":?-+:?"))) {
        rows.add(cells);
      }
    }
    if (header == null) {
      throw new IllegalArgumentException("no Markdown table (a line starting with '|') found");
    }
    return new MarkdownTable(header, rows);
  }

  private static List<String> cells(String line) {
    String inner = line.trim();
    inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
    return Arrays.stream(inner.split("\\|", -1)).map(String::trim).toList();
  }

  /** The index of a column, by its exact header text. */
  int column(String name) {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no column '" + name + "'; the table has " + header);
    }
    return i;
  }

  /** The first number in a cell ("1.58×", "99.9 %", "84 (0.98)"), or NaN when it holds none. */
  static double number(String cell) {
    Matcher m = NUMBER.matcher(cell);
    return m.find() ? Double.parseDouble(m.group()) : Double.NaN;
  }
}
