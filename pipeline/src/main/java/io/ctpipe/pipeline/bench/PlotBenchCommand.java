package io.ctpipe.pipeline.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Draws two numeric columns of a benchmark's Markdown table as an SVG chart, one line per series. */
@Command(name = "plot", mixinStandardHelpOptions = true,
    description = "Plot a benchmark table (the Markdown a bench command printed) as SVG: --x and --y name columns "
        + "(the first number of each cell is used), --series the column(s) whose values name the lines.")
final class PlotBenchCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--table", required = true, description = "File holding the Markdown table.")
  Path table;

  @Option(names = "--x", required = true, description = "Column for the x axis.")
  String x;

  @Option(names = "--y", required = true, description = "Column for the y axis.")
  String y;

  @Option(names = "--series", split = ",", description = "Columns whose values, joined, name each line (default: "
      + "one line).")
  List<String> series = new ArrayList<>();

  @Option(names = "--where", description = "Only rows whose COLUMN=VALUE (exact cell text), repeatable.")
  List<String> where = new ArrayList<>();

  @Option(names = "--title", defaultValue = "", description = "Chart title.")
  String title;

  @Option(names = "--log-x", description = "Logarithmic x axis.")
  boolean logX;

  @Option(names = "--log-y", description = "Logarithmic y axis.")
  boolean logY;

  @Option(names = "--out", required = true, description = "SVG file to write.")
  Path out;

  @Override
  public Integer call() throws Exception {
    MarkdownTable t;
    try {
      t = MarkdownTable.parse(Files.readString(table, StandardCharsets.UTF_8));
      SvgChart chart = chart(t);
      Files.writeString(out, chart.toSvg(), StandardCharsets.UTF_8);
      spec.commandLine().getOut().printf("wrote %s (%d points)%n", out, chart.points());
      return 0;
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), table + ": " + e.getMessage());
    }
  }

  SvgChart chart(MarkdownTable t) {
    int xi = t.column(x);
    int yi = t.column(y);
    List<Integer> si = series.stream().map(t::column).toList();
    List<Integer> filters = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (String w : where) {
      int eq = w.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("--where takes COLUMN=VALUE, got '" + w + "'");
      }
      filters.add(t.column(w.substring(0, eq)));
      values.add(w.substring(eq + 1));
    }
    SvgChart chart = new SvgChart(title, x, y, logX, logY);
    rows:
    for (List<String> row : t.rows()) {
      for (int f = 0; f < filters.size(); f++) {
        if (!row.get(filters.get(f)).equals(values.get(f))) {
          continue rows;
        }
      }
      String name = si.isEmpty() ? y : String.join(", ", si.stream().map(row::get).toList());
      chart.add(name, MarkdownTable.number(row.get(xi)), MarkdownTable.number(row.get(yi)));
    }
    return chart;
  }
}
