package io.ctpipe.pipeline.beam;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctpipe.transforms.qa.QaFormat;
import io.ctpipe.transforms.qa.QaTable;
import java.io.IOException;
import java.util.List;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
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
      for (JsonNode row : sortedFirst(QaFiles.read(outputs.qaLocation(), QaTable.SERIES_QA, outputs.runId(),
          outputs.format()), "series_instance_uid")) {
        JsonNode bpr = row.path("bpr");
        StringBuilder segs = new StringBuilder();
        row.path("models").forEach(m -> segs.append(" ").append(m.path("model_id").asText()).append(": ")
            .append(m.path("status").asText()).append(", ").append(m.path("labels_found").asInt()).append(" labels")
            .append(m.path("runtime").isTextual() ? " (" + m.path("runtime").asText() + ")" : "")
            .append(m.path("seg_path").isTextual() ? "\n      SEG " + m.path("seg_path").asText() : ""));
        out.printf("  %s  %dx%dx%d  body part %s%s;%s%n", row.path("series_instance_uid").asText(),
            row.path("columns").asInt(), row.path("rows").asInt(), row.path("slices").asInt(),
            bpr.isNull() ? "-" : bpr.path("body_part_examined_tag").asText("-"),
            bpr.path("untrained").asBoolean() ? " (untrained)" : "", segs);
      }
      for (JsonNode dead : sortedFirst(QaFiles.read(outputs.qaLocation(), QaTable.DEAD_LETTERS, outputs.runId(),
          outputs.format()), "origin")) {
        out.printf("  dead letter  %s  %s: %s%n", dead.path("origin").asText(), dead.path("stage").asText(),
            dead.path("message").asText());
      }
    } catch (IOException e) {
      out.println("  (cannot read the QA files back: " + e.getMessage() + ")");
    }
  }

  /** The first 20 rows in order of a text column. */
  private static List<JsonNode> sortedFirst(List<JsonNode> rows, String column) {
    return rows.stream().sorted(java.util.Comparator.comparing(r -> r.path(column).asText())).limit(20).toList();
  }
}
