package io.ctpipe.pipeline.beam;

import io.ctpipe.transforms.qa.QaFormat;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/** The final report of a run, from its Beam metrics: series processed, failed by stage, where the outputs are. */
public record RunSummary(Map<String, Long> counters) {

  public static RunSummary of(PipelineResult result) {
    MetricQueryResults metrics = result.metrics().queryMetrics(MetricsFilter.builder().build());
    Map<String, Long> counters = new TreeMap<>();
    for (MetricResult<Long> c : metrics.getCounters()) {
      counters.merge(c.getName().getName(), c.getAttempted(), Long::sum);
    }
    return new RunSummary(counters);
  }

  public long count(String name) {
    return counters.getOrDefault(name, 0L);
  }

  public void print(PrintWriter out, CtPipeline.Outputs outputs) {
    out.printf("series: %d processed (%d complete, %d partial), %d failed, %d skipped (already done); %d manifest "
        + "lines named no series%n", count("series-in") - count("series-skipped"), count("series-complete"),
        count("series-partial"), count("series-failed"), count("series-skipped"), count("manifest-problems"));
    StringBuilder stages = new StringBuilder();
    for (String stage : new String[] {"fetch", "decode", "bpr", "segment", "write"}) {
      if (count("failed-" + stage) > 0) {
        stages.append(stages.isEmpty() ? "" : ", ").append(stage).append(' ').append(count("failed-" + stage));
      }
    }
    if (!stages.isEmpty()) {
      out.println("dead letters by stage: " + stages);
    }
    out.println("SEGs:        " + outputs.segRoot() + "/<StudyInstanceUID>/<SeriesInstanceUID>/<model-id>.seg.dcm");
    if (outputs.format() == QaFormat.BIGQUERY) {
      out.println("QA tables:   BigQuery " + outputs.qaLocation() + ".{series_qa,slice_qa,segment_stats,dead_letters}");
    } else {
      String ext = outputs.format() == QaFormat.AVRO ? "avro" : "json";
      out.println("QA tables:   " + outputs.qaLocation() + "/{series_qa,slice_qa,segment_stats}/*-" + outputs.runId()
          + "-*." + ext);
      out.println("dead letters: " + outputs.qaLocation() + "/dead_letters/dead_letters-" + outputs.runId() + "-*."
          + ext);
    }
    out.flush();
  }
}
