package io.ctpipe.transforms.qa;

import io.ctpipe.models.bpr.BprReport;
import io.ctpipe.models.bpr.SliceAnomalies;
import io.ctpipe.transforms.manifest.ManifestProblem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;

/** Builds the rows of the QA tables that do not need the whole series context: dead letters and slice rows. */
public final class QaRows {
  private QaRows() {}

  public static long micros(Instant time) {
    return time.getEpochSecond() * 1_000_000 + time.getNano() / 1000;
  }

  /** A series that failed at a stage. Messages are the exception's, which never carry patient names or IDs. */
  public static GenericRecord deadLetter(String runId, String seriesKey, String seriesUid, String origin,
      Stage stage, Throwable error, boolean retryable, Instant time) {
    return deadLetter(runId, seriesKey, seriesUid, origin, stage, error, error.getMessage() != null
        ? error.getMessage() : error.toString(), retryable, time);
  }

  /** As above with the message given (e.g. with a temporary path replaced by the series' location). */
  public static GenericRecord deadLetter(String runId, String seriesKey, String seriesUid, String origin,
      Stage stage, Throwable error, String message, boolean retryable, Instant time) {
    return new GenericRecordBuilder(QaTable.DEAD_LETTERS.schema()).set("run_id", runId).set("series_key", seriesKey)
        .set("series_instance_uid", seriesUid).set("origin", origin).set("stage", stage.column())
        .set("error_class", error.getClass().getName()).set("message", message).set("retryable", retryable)
        .set("attempt_time", micros(time)).build();
  }

  /** A manifest line that names no series: permanent. */
  public static GenericRecord deadLetter(String runId, ManifestProblem problem, Instant time) {
    return new GenericRecordBuilder(QaTable.DEAD_LETTERS.schema()).set("run_id", runId).set("series_key", null)
        .set("series_instance_uid", null).set("origin", problem.origin()).set("stage", Stage.MANIFEST.column())
        .set("error_class", "ManifestProblem").set("message", problem.reason() + ": " + problem.text())
        .set("retryable", false).set("attempt_time", micros(time)).build();
  }

  /** One row per slice: cleaned and raw transformed score, anomaly flag. */
  public static List<GenericRecord> slices(String runId, String seriesUid, BprReport report) {
    Set<Integer> anomalous = new HashSet<>();
    for (SliceAnomalies.Anomaly a : report.anomalies().slices()) {
      anomalous.add(a.index());
    }
    List<GenericRecord> rows = new ArrayList<>();
    double[] cleaned = report.curve().cleaned();
    for (int i = 0; i < cleaned.length; i++) {
      rows.add(new GenericRecordBuilder(QaTable.SLICE_QA.schema()).set("run_id", runId)
          .set("series_instance_uid", seriesUid).set("slice_index", i).set("volume_slice", report.axes()
              .volumeSlice(i)).set("z_mm", report.curve().z()[i]).set("bpr_score", Double.isNaN(cleaned[i]) ? null
              : cleaned[i]).set("bpr_raw_score", report.curve().unprocessed()[i]).set("anomaly", anomalous.contains(i))
          .build());
    }
    return rows;
  }
}
