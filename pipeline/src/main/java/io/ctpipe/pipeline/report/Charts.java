package io.ctpipe.pipeline.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report's charts as inline SVG: label volumes across the cohort, and a series' body part score curve. */
final class Charts {
  private static final String FONT = "font-family=\"sans-serif\" font-size=\"11\"";

  private Charts() {}

  /** One series' value on a strip. */
  record Dot(String series, double value, boolean outlier) {}

  /**
   * One row per label: each series a dot at its volume on a shared log10 axis; outliers red and larger.
   */
  static String volumeStrips(Map<String, List<Dot>> rows) {
    int left = 190;
    int width = 760;
    int rowHeight = 22;
    int height = 40 + rowHeight * rows.size();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (List<Dot> dots : rows.values()) {
      for (Dot d : dots) {
        if (d.value() > 0) {
          min = Math.min(min, d.value());
          max = Math.max(max, d.value());
        }
      }
    }
    double lo = Math.floor(Math.log10(Double.isFinite(min) ? min : 1));
    double hi = Math.max(lo + 1, Math.ceil(Math.log10(Double.isFinite(max) ? max : 10)));
    StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
        + "width=\"%d\" height=\"%d\" role=\"img\"><rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>", width,
        height));
    for (double p = lo; p <= hi; p++) {
      double x = left + (p - lo) / (hi - lo) * (width - left - 20);
      svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"20\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
          + "<text x=\"%.1f\" y=\"14\" text-anchor=\"middle\" %s>%s ml</text>", x, x, height - 10, x, FONT,
          p < 0 ? String.format(Locale.ROOT, "%.3g", Math.pow(10, p)) : String.format(Locale.ROOT, "%.0f",
              Math.pow(10, p))));
    }
    int row = 0;
    for (Map.Entry<String, List<Dot>> e : rows.entrySet()) {
      double y = 32 + rowHeight * row++;
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" %s>%s</text>",
          left - 8, y + 4, FONT, Html.escape(e.getKey())));
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>",
          left, y, width - 20, y));
      for (Dot d : e.getValue()) {
        if (!(d.value() > 0)) {
          continue;
        }
        double x = left + (Math.log10(d.value()) - lo) / (hi - lo) * (width - left - 20);
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" fill=\"%s\"><title>%s: "
            + "%.1f ml%s</title></circle>", x, y, d.outlier() ? 6 : 4, d.outlier() ? "#d62728" : "#1f77b4",
            Html.escape(d.series()), d.value(), d.outlier() ? " (outlier)" : ""));
      }
    }
    return svg.append("</svg>").toString();
  }

  /** A slice's body part score at its position. */
  record Score(double zMm, Double cleaned, double raw, boolean anomaly) {}

  /**
   * bpreg's plot: cleaned scores (line) and raw scores (grey) against slice position, anomalous slices in red, and a
   * dashed line with its name at each landmark's expected score.
   */
  static String scoreCurve(List<Score> scores, Map<String, Double> landmarks) {
    int width = 760;
    int height = 420;
    int left = 60;
    int right = 130;
    int top = 20;
    int bottom = 40;
    double zMin = scores.stream().mapToDouble(Score::zMm).min().orElse(0);
    double zMax = scores.stream().mapToDouble(Score::zMm).max().orElse(1);
    double sMin = Math.min(-10, scores.stream().mapToDouble(Score::raw).filter(Double::isFinite).min().orElse(0));
    double sMax = Math.max(110, scores.stream().mapToDouble(Score::raw).filter(Double::isFinite).max().orElse(100));
    double zSpan = zMax > zMin ? zMax - zMin : 1;
    java.util.function.DoubleUnaryOperator px = z -> left + (z - zMin) / zSpan * (width - left - right);
    java.util.function.DoubleUnaryOperator py = s -> top + (sMax - s) / (sMax - sMin) * (height - top - bottom);
    StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
        + "width=\"%d\" height=\"%d\" role=\"img\"><rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>"
        + "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>", width, height, left,
        top, width - left - right, height - top - bottom));
    for (Map.Entry<String, Double> l : landmarks.entrySet()) {
      if (l.getValue() < sMin || l.getValue() > sMax) {
        continue;
      }
      double y = py.applyAsDouble(l.getValue());
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#bbb\" "
          + "stroke-dasharray=\"4 3\"/><text x=\"%d\" y=\"%.1f\" %s fill=\"#666\">%s</text>", left, y,
          width - right, y, width - right + 4, y + 4, FONT, Html.escape(l.getKey())));
    }
    StringBuilder line = new StringBuilder();
    for (Score s : scores) {
      double x = px.applyAsDouble(s.zMm());
      if (Double.isFinite(s.raw())) {
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" fill=\"%s\"/>", x,
            py.applyAsDouble(s.raw()), s.anomaly() ? "#d62728" : "#aaa"));
      }
      if (s.cleaned() != null) {
        line.append(line.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", x,
            py.applyAsDouble(s.cleaned())));
      }
    }
    if (!line.isEmpty()) {
      svg.append("<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"").append(line)
          .append("\"/>");
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" %s>slice position z "
        + "(mm), %.0f to %.0f</text><text x=\"14\" y=\"%.1f\" %s transform=\"rotate(-90 14 %.1f)\" "
        + "text-anchor=\"middle\">body part score</text>", (left + width - right) / 2.0, height - 10, FONT, zMin,
        zMax, (top + height - bottom) / 2.0, FONT, (top + height - bottom) / 2.0));
    for (double s = Math.ceil(sMin / 20) * 20; s <= sMax; s += 20) {
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" %s>%.0f</text>",
          left - 4, py.applyAsDouble(s) + 4, FONT, s));
    }
    return svg.append("</svg>").toString();
  }
}
