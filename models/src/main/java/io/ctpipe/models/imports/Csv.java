package io.ctpipe.models.imports;

import java.util.ArrayList;
import java.util.List;

/** Parses comma-separated text (RFC 4180 quoting) into rows of fields, bounded in rows and field length. */
final class Csv {
  private static final int MAX_ROWS = 65536;
  private static final int MAX_FIELD = 4096;

  private Csv() {}

  static List<List<String>> parse(String text, String source) throws ImportException {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"' && field.length() == 0) {
        quoted = true;
      } else if (c == ',') {
        row.add(field.toString().trim());
        field.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        endRow(rows, row, field, source);
        row = new ArrayList<>();
      } else {
        field.append(c);
      }
      if (field.length() > MAX_FIELD) {
        throw new ImportException(source + ": a field is longer than " + MAX_FIELD + " characters");
      }
    }
    if (quoted) {
      throw new ImportException(source + ": a quoted field is not closed");
    }
    endRow(rows, row, field, source);
    return rows;
  }

  private static void endRow(List<List<String>> rows, List<String> row, StringBuilder field, String source)
      throws ImportException {
    row.add(field.toString().trim());
    field.setLength(0);
    if (row.size() == 1 && row.get(0).isEmpty()) {
      return;
    }
    if (rows.size() == MAX_ROWS) {
      throw new ImportException(source + ": more than " + MAX_ROWS + " rows");
    }
    rows.add(row);
  }
}
