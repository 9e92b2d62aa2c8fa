package io.ctpipe.pipeline.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctpipe.transforms.qa.QaTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the cohort page shows, computed once from a run's rows. */
final class CohortView {
  private static final String MANIFEST_STAGE = "manifest";

  /** A series whose volume of a label is far from the cohort's. */
  record Outlier(String series, String model, String label, double volumeMl, double z) {}

  private final QaRun run;
  private final Map<String, List<JsonNode>> deadLetters = new TreeMap<>();
  private final Map<String, Map<String, List<Charts.Dot>>> strips = new TreeMap<>();
  private final List<Outlier> outliers = new ArrayList<>();

  CohortView(QaRun run) {
    this.run = run;
    for (JsonNode d : run.rows(QaTable.DEAD_LETTERS)) {
      deadLetters.computeIfAbsent(d.path("stage").asText() + ": " + d.path("error_class").asText()
          .replaceFirst(".*\\.", ""), k -> new ArrayList<>()).add(d);
    }
    Map<String, Map<String, List<JsonNode>>> byModelLabel = new TreeMap<>();
    for (JsonNode r : run.rows(QaTable.SEGMENT_STATS)) {
      byModelLabel.computeIfAbsent(r.path("model_id").asText(), k -> new TreeMap<>())
          .computeIfAbsent(r.path("label").asText(), k -> new ArrayList<>()).add(r);
    }
    byModelLabel.forEach((model, labels) -> labels.forEach((label, rows) -> {
      double[] volumes = rows.stream().mapToDouble(r -> r.path("volume_ml").asDouble()).toArray();
      double[] z = RobustZ.of(volumes);
      List<Charts.Dot> dots = new ArrayList<>();
      for (int i = 0; i < volumes.length; i++) {
        String series = rows.get(i).path("series_instance_uid").asText();
        boolean outlier = RobustZ.outlier(z[i]);
        dots.add(new Charts.Dot(series, volumes[i], outlier));
        if (outlier) {
          outliers.add(new Outlier(series, model, label, volumes[i], z[i]));
        }
      }
      strips.computeIfAbsent(model, k -> new LinkedHashMap<>()).put(label, dots);
    }));
  }

  long processed() {
    return run.rows(QaTable.SERIES_QA).size();
  }

  /** Series whose every model finished. */
  long complete() {
    return run.rows(QaTable.SERIES_QA).stream().filter(s -> allModelsOk(s)).count();
  }

  long partial() {
    return processed() - complete();
  }

  /** Dead letters of series (not of manifest lines). */
  long failed() {
    return run.rows(QaTable.DEAD_LETTERS).stream().filter(d -> !MANIFEST_STAGE.equals(d.path("stage").asText()))
        .count();
  }

  long manifestProblems() {
    return run.rows(QaTable.DEAD_LETTERS).size() - failed();
  }

  private static boolean allModelsOk(JsonNode s) {
    for (JsonNode m : s.path("models")) {
      if (!"ok".equals(m.path("status").asText())) {
        return false;
      }
    }
    return true;
  }

  /** Dead letters grouped by "stage: exception class", each with its manifest line and message. */
  Map<String, List<JsonNode>> deadLetters() {
    return deadLetters;
  }

  /** Series per geometry flag (its code, without the numbers). */
  Map<String, Long> flagCounts() {
    Map<String, Long> out = new TreeMap<>();
    for (JsonNode s : run.rows(QaTable.SERIES_QA)) {
      for (JsonNode f : s.path("geometry_flags")) {
        out.merge(f.asText().replaceFirst("\\(.*", ""), 1L, Long::sum);
      }
    }
    if (out.isEmpty()) {
      out.put("none", (long) run.rows(QaTable.SERIES_QA).size());
    }
    return out;
  }

  /** Series per (DICOM Body Part Examined, body part regression tag). */
  Map<List<String>, Long> bodyParts() {
    Map<List<String>, Long> out = new LinkedHashMap<>();
    for (JsonNode s : run.rows(QaTable.SERIES_QA)) {
      String tag = s.path("dicom_body_part_examined").asText("");
      String bpr = s.path("bpr").path("body_part_examined_tag").asText("");
      out.merge(List.of(tag.isEmpty() ? "(none)" : tag, bpr.isEmpty() ? "(none)" : bpr), 1L, Long::sum);
    }
    return out;
  }

  boolean bprUntrained() {
    return run.rows(QaTable.SERIES_QA).stream().anyMatch(s -> s.path("bpr").path("untrained").asBoolean(false));
  }

  /** Per model, per label, one dot per series. */
  Map<String, Map<String, List<Charts.Dot>>> volumeStrips() {
    return strips;
  }

  List<Outlier> outliers() {
    return outliers;
  }

  /** Label → volume (ml) of one series and model. */
  Map<String, Double> volumes(String series, String model) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (JsonNode r : run.rowsOf(QaTable.SEGMENT_STATS, series)) {
      if (model.equals(r.path("model_id").asText())) {
        out.put(r.path("label").asText(), r.path("volume_ml").asDouble());
      }
    }
    return out;
  }

  /** The series' stage times added up (wall-clock on the worker, as the pipeline measures them). */
  static double stageSeconds(JsonNode s) {
    long ms = 0;
    for (String field : List.of("fetch_ms", "decode_ms", "bpr_ms", "segment_ms", "write_ms")) {
      ms += s.path(field).asLong();
    }
    return ms / 1000.0;
  }

  double meanStageSeconds() {
    return run.rows(QaTable.SERIES_QA).stream().mapToDouble(CohortView::stageSeconds).average().orElse(0);
  }
}
