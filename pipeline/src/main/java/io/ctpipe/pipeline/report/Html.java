package io.ctpipe.pipeline.report;

import io.ctpipe.dicom.UidGrammar;
import java.util.List;

/**
 * Builds the report's pages as well-formed XHTML-compatible HTML (every element closed, text and attributes
 * escaped), with one embedded style sheet and no script.
 */
final class Html {
  private static final String STYLE = "body{font-family:sans-serif;margin:24px;color:#222;max-width:1200px}"
      + "table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #ccc;padding:3px 8px;"
      + "text-align:left;font-size:13px}th{background:#f0f0f0}.bad{color:#b00020;font-weight:bold}"
      + ".ok{color:#1b7f3b}.warn{color:#b36b00}.swatch{display:inline-block;width:14px;height:14px;"
      + "border:1px solid #444;vertical-align:middle;margin-right:4px}.note{color:#555;font-size:13px}"
      + "img{border:1px solid #ccc;margin:4px}";

  private final StringBuilder out = new StringBuilder();

  Html(String title) {
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>").append(escape(title))
        .append("</title><style>").append(STYLE).append("</style></head><body>\n<h1>").append(escape(title))
        .append("</h1>\n");
  }

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  Html heading(String text) {
    out.append("<h2>").append(escape(text)).append("</h2>\n");
    return this;
  }

  Html paragraph(String text, String cssClass) {
    out.append("<p").append(cssClass == null ? "" : " class=\"" + cssClass + "\"").append(">").append(escape(text))
        .append("</p>\n");
    return this;
  }

  /** Raw markup the caller built from escaped parts (links, images, inline SVG). */
  Html raw(String markup) {
    out.append(markup).append('\n');
    return this;
  }

  /** A table; cells are markup (escape text with {@link #escape} first). */
  Html table(List<String> header, List<List<String>> rows) {
    out.append("<table><tr>");
    header.forEach(h -> out.append("<th>").append(escape(h)).append("</th>"));
    out.append("</tr>\n");
    for (List<String> row : rows) {
      out.append("<tr>");
      row.forEach(c -> out.append("<td>").append(c).append("</td>"));
      out.append("</tr>\n");
    }
    out.append("</table>\n");
    return this;
  }

  static String link(String href, String text) {
    return "<a href=\"" + escape(href) + "\">" + escape(text) + "</a>";
  }

  /** A link to a series' page, or for a value that is not a DICOM UID (no page was written) the value marked so. */
  static String seriesLink(String uid) {
    return UidGrammar.isValid(uid) ? link("series/" + uid + ".html", uid)
        : escape(uid) + " " + span("bad", "(not a DICOM UID: no page)");
  }

  static String span(String cssClass, String text) {
    return "<span class=\"" + cssClass + "\">" + escape(text) + "</span>";
  }

  String finish() {
    return out + "</body></html>\n";
  }
}
