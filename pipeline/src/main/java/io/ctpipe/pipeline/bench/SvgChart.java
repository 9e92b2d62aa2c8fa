package io.ctpipe.pipeline.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A plain SVG chart: named series of (x, y) points drawn as markers joined by lines, linear or logarithmic axes
 * with ticks, a legend. Self-contained (no script, no external font or style sheet).
 */
final class SvgChart {
  private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
      "#e377c2", "#17becf"};
  private static final int WIDTH = 720;
  private static final int HEIGHT = 440;
  private static final int LEFT = 80;
  private static final int RIGHT = 190;
  private static final int TOP = 40;
  private static final int BOTTOM = 60;

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final boolean logX;
  private final boolean logY;
  private final Map<String, List<double[]>> series = new LinkedHashMap<>();

  SvgChart(String title, String xLabel, String yLabel, boolean logX, boolean logY) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
    this.logX = logX;
    this.logY = logY;
  }

  /** Adds a point; points with a non-finite (or, on a log axis, non-positive) coordinate are left out. */
  void add(String name, double x, double y) {
    if (!usable(x, logX) || !usable(y, logY)) {
      return;
    }
    series.computeIfAbsent(name, k -> new ArrayList<>()).add(new double[] {x, y});
  }

  int points() {
    return series.values().stream().mapToInt(List::size).sum();
  }

  private static boolean usable(double v, boolean log) {
    return Double.isFinite(v) && (!log || v > 0);
  }

  String toSvg() {
    if (series.isEmpty()) {
      throw new IllegalStateException("nothing to plot: no row has numbers in both columns");
    }
    double[] xr = range(0, logX);
    double[] yr = range(1, logY);
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
        + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
    svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\">%s</text>%n", LEFT,
        escape(title)));
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
        + "stroke=\"#444\"/>%n", LEFT, TOP, plotW, plotH));
    for (double t : ticks(xr, logX)) {
      double px = LEFT + plotW * position(t, xr, logX);
      svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
          + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", px, TOP, px, TOP + plotH, px,
          TOP + plotH + 16, label(t)));
    }
    for (double t : ticks(yr, logY)) {
      double py = TOP + plotH * (1 - position(t, yr, logY));
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
          + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT, py, LEFT + plotW, py, LEFT - 6,
          py + 4, label(t)));
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
        LEFT + plotW / 2, HEIGHT - 18, escape(xLabel + (logX ? " (log)" : ""))));
    svg.append(String.format(Locale.ROOT, "<text transform=\"translate(18,%d) rotate(-90)\" text-anchor=\"middle\">"
        + "%s</text>%n", TOP + plotH / 2, escape(yLabel + (logY ? " (log)" : ""))));
    int index = 0;
    for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
      String colour = COLOURS[index % COLOURS.length];
      StringBuilder path = new StringBuilder();
      List<double[]> points = new ArrayList<>(e.getValue());
      points.sort((a, b) -> Double.compare(a[0], b[0]));
      for (double[] p : points) {
        double px = LEFT + plotW * position(p[0], xr, logX);
        double py = TOP + plotH * (1 - position(p[1], yr, logY));
        path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", px, py));
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>%n", px, py,
            colour));
      }
      svg.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"/>%n",
          path, colour));
      int ly = TOP + 14 + 18 * index;
      svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
          + "<text x=\"%d\" y=\"%d\">%s</text>%n", LEFT + plotW + 12, ly - 10, colour, LEFT + plotW + 30, ly,
          escape(e.getKey())));
      index++;
    }
    return svg.append("</svg>\n").toString();
  }

  private double[] range(int axis, boolean log) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (List<double[]> points : series.values()) {
      for (double[] p : points) {
        lo = Math.min(lo, p[axis]);
        hi = Math.max(hi, p[axis]);
      }
    }
    if (log) {
      return new double[] {Math.pow(10, Math.floor(Math.log10(lo))), Math.pow(10, Math.ceil(Math.log10(hi)))
          * (hi == lo ? 10 : 1)};
    }
    double span = hi > lo ? hi - lo : Math.max(1, Math.abs(hi));
    return new double[] {lo - 0.05 * span, hi + 0.05 * span};
  }

  private static double position(double v, double[] range, boolean log) {
    return log ? (Math.log10(v) - Math.log10(range[0])) / (Math.log10(range[1]) - Math.log10(range[0]))
        : (v - range[0]) / (range[1] - range[0]);
  }

  private static List<Double> ticks(double[] range, boolean log) {
    List<Double> ticks = new ArrayList<>();
    if (log) {
      for (double t = range[0]; t <= range[1] * 1.0001; t *= 10) {
        ticks.add(t);
      }
      return ticks;
    }
    double raw = (range[1] - range[0]) / 6;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = raw / magnitude < 2 ? 2 * magnitude : raw / magnitude < 5 ? 5 * magnitude : 10 * magnitude;
    for (double t = Math.ceil(range[0] / step) * step; t <= range[1]; t += step) {
      ticks.add(t);
    }
    return ticks;
  }

  private static String label(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e7 ? String.format(Locale.ROOT, "%d", (long) v)
        : String.format(Locale.ROOT, "%.3g", v);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
