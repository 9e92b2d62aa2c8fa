package io.ctpipe.pipeline.beam;

import io.ctpipe.transforms.qa.QaFormat;
import io.ctpipe.transforms.qa.QaTable;
import io.ctpipe.transforms.result.BodyPartFindings;
import io.ctpipe.transforms.result.BprOutcome;
import io.ctpipe.transforms.result.DeadLetter;
import io.ctpipe.transforms.result.ModelOutcome;
import io.ctpipe.transforms.result.RunResults;
import io.ctpipe.transforms.result.SeriesFacts;
import io.ctpipe.transforms.result.SeriesResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * The final report of a run, from its Beam metrics: series processed, reused and failed by stage, where the outputs
 * are. Counters are the committed values (work of retried bundles counted once) where the runner reports them, else
 * the attempted ones.
 */
public record RunSummary(Map<String, Long> counters) {

  public static RunSummary of(PipelineResult result) {
    MetricQueryResults metrics = result.metrics().queryMetrics(MetricsFilter.builder().build());
    Map<String, Long> counters = new TreeMap<>();
    for (MetricResult<Long> c : metrics.getCounters()) {
      counters.merge(c.getName().getName(), committedOrAttempted(c), Long::sum);
    }
    return new RunSummary(counters);
  }

  private static long committedOrAttempted(MetricResult<Long> counter) {
    try {
      Long committed = counter.getCommitted();
      return committed != null ? committed : counter.getAttempted();
    } catch (UnsupportedOperationException e) {
      return counter.getAttempted();
    }
  }

  /**
   * Writes the counters as {@code <qa>/runs/<runId>.json} when the QA location is a local folder, so that
   * {@code ctpipe report} can show what the tables alone do not hold (series skipped as already done).
   */
  public void writeLocal(CtPipeline.Outputs outputs) throws java.io.IOException {
    if (outputs.format() == QaFormat.BIGQUERY || outputs.qaLocation().contains("://")) {
      return;
    }
    java.nio.file.Path file = java.nio.file.Path.of(outputs.qaLocation(), "runs", outputs.runId() + ".json");
    java.nio.file.Files.createDirectories(file.getParent());
    new com.fasterxml.jackson.databind.ObjectMapper().writeValue(file.toFile(), counters);
  }

  public long count(String name) {
    return counters.getOrDefault(name, 0L);
  }

  public void print(PrintWriter out, CtPipeline.Outputs outputs) {
    out.printf("series: %d processed (%d complete, %d partial), %d failed, %d reused from earlier runs; manifest "
        + "lines naming no series: %d%n", count("series-in") - count("series-reused"), count("series-complete"),
        count("series-partial"), count("series-failed"), count("series-reused"), count("manifest-problems"));
    StringBuilder stages = new StringBuilder();
    for (String stage : new String[] {"fetch", "resources", "decode", "bpr", "segment", "write"}) {
      if (count("failed-" + stage) > 0) {
        stages.append(stages.isEmpty() ? "" : ", ").append(stage).append(' ').append(count("failed-" + stage));
      }
    }
    if (!stages.isEmpty()) {
      out.println("dead letters by stage: " + stages);
    }
    if (outputs.format() != QaFormat.BIGQUERY) {
      printRows(out, outputs);
    }
    out.println("SEGs:        " + outputs.segRoot()
        + "/<StudyInstanceUID>/<SeriesInstanceUID>/<model-id>-<configuration>.seg.dcm");
    if (outputs.format() == QaFormat.BIGQUERY) {
      out.println("QA tables:   BigQuery " + outputs.qaLocation() + ".{series_qa,slice_qa,segment_stats,dead_letters}");
    } else {
      String ext = outputs.format() == QaFormat.AVRO ? "avro" : "json";
      out.println("QA tables:   " + outputs.qaLocation() + "/{series_qa,slice_qa,segment_stats}/*-" + outputs.runId()
          + "-*." + ext);
      out.println("dead letters: " + outputs.qaLocation() + "/dead_letters/dead_letters-" + outputs.runId() + "-*."
          + ext);
      if (!outputs.qaLocation().contains("://")) {
        out.println("report:      ctpipe report --qa " + outputs.qaLocation() + " --run " + outputs.runId()
            + " --out REPORT_DIR");
      }
    }
    out.flush();
  }

  /** The run's series (BPR tag, SEGs) and dead letters, at most 20 of each. */
  private static void printRows(PrintWriter out, CtPipeline.Outputs outputs) {
    try {
      RunResults run = QaFiles.results(outputs.qaLocation(), outputs.runId(), outputs.format(),
          EnumSet.of(QaTable.SERIES_QA, QaTable.DEAD_LETTERS));
      for (SeriesResult series : sortedFirst(run.series(), s -> s.facts().seriesInstanceUid())) {
        SeriesFacts f = series.facts();
        BprOutcome bpr = series.bpr();
        BodyPartFindings found = bpr == null ? null : bpr.findings();
        StringBuilder segs = new StringBuilder();
        for (ModelOutcome m : series.models()) {
          segs.append(" ").append(text(m.model().id())).append(": ").append(m.status() == null ? ""
              : m.status().column()).append(", ").append(m.labelsFound()).append(" labels")
              .append(m.model().runtime() != null ? " (" + m.model().runtime() + ")" : "")
              .append(m.seg() != null ? "\n      SEG " + m.seg().path() : "");
        }
        out.printf("  %s  %dx%dx%d  body part %s%s;%s%n", text(f.seriesInstanceUid()), f.grid().columns(),
            f.grid().rows(), f.grid().slices(), found == null || found.tag() == null ? "-" : found.tag(),
            bpr != null && bpr.model().untrained() ? " (untrained)" : "", segs);
      }
      for (DeadLetter dead : sortedFirst(run.deadLetters(), DeadLetter::origin)) {
        out.printf("  dead letter  %s  %s: %s%n", text(dead.origin()), dead.stage() == null ? ""
            : dead.stage().column(), text(dead.message()));
      }
    } catch (IOException e) {
      out.println("  (cannot read the QA files back: " + e.getMessage() + ")");
    }
  }

  /** The first 20 in order of a text value (a missing one first). */
  private static <T> List<T> sortedFirst(List<T> items, Function<T, String> by) {
    return items.stream().sorted(Comparator.comparing(i -> text(by.apply(i)))).limit(20).toList();
  }

  private static String text(String value) {
    return Objects.toString(value, "");
  }
}
