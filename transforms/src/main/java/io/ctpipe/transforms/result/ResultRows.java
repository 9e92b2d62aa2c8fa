package io.ctpipe.transforms.result;

import io.ctpipe.transforms.manifest.SeriesRef;
import io.ctpipe.transforms.qa.QaJson;
import io.ctpipe.transforms.qa.QaTable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;

/**
 * The one place where results meet the QA tables: a {@link SeriesResult} becomes its rows of series_qa, slice_qa,
 * segment_stats and dead_letters, and rows (a committed result's, or a whole run's tables) become results again.
 * Reading takes rows of every schema version ctpipe wrote: columns a row lacks read as null, 0 or false.
 */
public final class ResultRows {
  private static final Schema SERIES = QaTable.SERIES_QA.schema();
  private static final Schema BPR = SERIES.getField("bpr").schema().getTypes().get(1);
  private static final Schema MODEL = SERIES.getField("models").schema().getElementType();
  private static final Schema INPUT = QaTable.DEAD_LETTERS.schema().getField("input").schema().getTypes().get(1);

  private ResultRows() {}

  /** A result's rows of every table, each labelled with the result's run (tables without rows map to none). */
  public static Map<QaTable, List<GenericRecord>> of(SeriesResult result) {
    Map<QaTable, List<GenericRecord>> rows = new EnumMap<>(QaTable.class);
    for (QaTable table : QaTable.values()) {
      rows.put(table, new ArrayList<>());
    }
    String runId = result.runId();
    SeriesFacts facts = result.facts();
    if (facts != null) {
      rows.get(QaTable.SERIES_QA).add(seriesRow(result));
      if (result.bpr() != null) {
        for (SliceScore slice : result.bpr().slices()) {
          rows.get(QaTable.SLICE_QA).add(sliceRow(runId, facts.seriesInstanceUid(), slice));
        }
      }
      for (ModelOutcome model : result.models()) {
        for (LabelStatistics label : model.labels()) {
          rows.get(QaTable.SEGMENT_STATS).add(statisticsRow(runId, facts.seriesInstanceUid(), model.model(),
              label));
        }
      }
    }
    for (DeadLetter dead : result.deadLetters()) {
      rows.get(QaTable.DEAD_LETTERS).add(deadLetter(runId, dead));
    }
    return rows;
  }

  /** A dead_letters row of a run. */
  public static GenericRecord deadLetter(String runId, DeadLetter dead) {
    SeriesRef in = dead.input();
    return new GenericRecordBuilder(QaTable.DEAD_LETTERS.schema()).set("run_id", runId)
        .set("series_key", dead.seriesKey()).set("series_instance_uid", dead.seriesInstanceUid())
        .set("origin", dead.origin()).set("stage", dead.stage().column()).set("error_class", dead.errorClass())
        .set("message", dead.message()).set("retryable", dead.retryable())
        .set("attempt_time", QaJson.micros(dead.attemptTime())).set("stack_trace", dead.stackTrace())
        .set("input", in == null ? null : new GenericRecordBuilder(INPUT).set("series_key", in.key())
            .set("source", in.source().name().toLowerCase(Locale.ROOT)).set("location", in.location())
            .set("study_instance_uid", in.studyInstanceUid()).set("series_instance_uid", in.seriesInstanceUid())
            .set("collection_id", in.collectionId()).set("origin", in.origin()).build())
        .build();
  }

  /**
   * One series' rows (a committed result's) as its result in {@code runId}.
   *
   * @throws IllegalArgumentException when the rows are not one series' (more than one series_qa row, label
   *     statistics of a model the series row does not list, slice scores without body part regression) or hold a
   *     value no version of ctpipe wrote
   */
  public static SeriesResult series(String runId, Map<QaTable, List<GenericRecord>> rows, boolean reused) {
    List<GenericRecord> series = rows.get(QaTable.SERIES_QA);
    if (series.size() > 1) {
      throw new IllegalArgumentException("it holds " + series.size() + " series_qa rows");
    }
    return RowReader.series(runId, series.isEmpty() ? null : series.get(0), rows.get(QaTable.SLICE_QA),
        rows.get(QaTable.SEGMENT_STATS), RowReader.deadLetters(rows.get(QaTable.DEAD_LETTERS)), reused, true);
  }

  /** A run's table rows as its results: one per series_qa row, with the slice, label and dead-letter rows of it. */
  public static RunResults run(String runId, Map<QaTable, List<GenericRecord>> rows) {
    return RowReader.run(runId, rows);
  }

  private static GenericRecord seriesRow(SeriesResult result) {
    SeriesFacts f = result.facts();
    Provenance made = f.provenance();
    Grid grid = f.grid();
    StageTimings t = result.timings();
    List<GenericRecord> models = new ArrayList<>();
    for (ModelOutcome m : result.models()) {
      models.add(modelRow(m));
    }
    return new GenericRecordBuilder(SERIES).set("run_id", result.runId())
        .set("processed_at", QaJson.micros(made.processedAt())).set("ctpipe_version", made.ctpipeVersion())
        .set("configuration", made.configuration()).set("series_key", f.seriesKey()).set("origin", f.origin())
        .set("collection_id", f.collectionId()).set("source_location", f.sourceLocation())
        .set("study_instance_uid", f.studyInstanceUid()).set("series_instance_uid", f.seriesInstanceUid())
        .set("modality", f.modality()).set("instance_count", f.instanceCount()).set("columns", grid.columns())
        .set("rows", grid.rows()).set("slices", grid.slices()).set("spacing_x_mm", grid.spacingXMm())
        .set("spacing_y_mm", grid.spacingYMm()).set("spacing_z_mm", grid.spacingZMm())
        .set("geometry_flags", f.geometryFlags()).set("dicom_body_part_examined", f.dicomBodyPartExamined())
        .set("bpr", result.bpr() == null ? null : bprRow(result.bpr())).set("models", models)
        .set("fetched_bytes", f.fetchedBytes()).set("fetch_retries", f.fetchRetries()).set("fetch_ms", t.fetchMs())
        .set("decode_ms", t.decodeMs()).set("bpr_ms", t.bprMs()).set("segment_ms", t.segmentMs())
        .set("write_ms", t.writeMs()).build();
  }

  private static GenericRecord bprRow(BprOutcome bpr) {
    GenericRecordBuilder row = modelColumns(new GenericRecordBuilder(BPR), bpr.model(), bpr.status());
    BodyPartFindings found = bpr.findings();
    if (found != null) {
      row.set("body_part_examined_tag", found.tag()).set("body_part_agreement", found.agreement())
          .set("body_part_mismatch", found.mismatch()).set("reversed_slice_order", found.reversedSliceOrder())
          .set("valid_z_spacing", found.validZSpacing()).set("estimated_z_spacing_mm", found.estimatedZSpacingMm())
          .set("slope_ratio", found.slopeRatio()).set("anomalous_slices", found.anomalousSlices());
    }
    return row.build();
  }

  private static GenericRecord modelRow(ModelOutcome m) {
    GenericRecordBuilder row = modelColumns(new GenericRecordBuilder(MODEL), m.model(), m.status())
        .set("labels_found", m.labelsFound()).set("windows_run", m.windowsRun())
        .set("windows_total", m.windowsTotal());
    if (m.seg() != null) {
      row.set("seg_path", m.seg().path()).set("seg_series_instance_uid", m.seg().seriesInstanceUid())
          .set("seg_sop_instance_uid", m.seg().sopInstanceUid());
    }
    return row.build();
  }

  /** The columns series_qa's bpr and models records share. */
  private static GenericRecordBuilder modelColumns(GenericRecordBuilder row, ModelRun model, Status status) {
    return row.set("model_id", model.id()).set("model_version", model.version()).set("model_sha256", model.sha256())
        .set("untrained", model.untrained()).set("status", status.column()).set("runtime", model.runtime())
        .set("runtime_note", model.runtimeNote());
  }

  private static GenericRecord sliceRow(String runId, String seriesUid, SliceScore s) {
    return new GenericRecordBuilder(QaTable.SLICE_QA.schema()).set("run_id", runId)
        .set("series_instance_uid", seriesUid).set("slice_index", s.sliceIndex()).set("volume_slice", s.volumeSlice())
        .set("z_mm", s.zMm()).set("bpr_score", s.score()).set("bpr_raw_score", s.rawScore())
        .set("anomaly", s.anomaly()).build();
  }

  private static GenericRecord statisticsRow(String runId, String seriesUid, ModelRun model, LabelStatistics s) {
    VoxelBox box = s.box();
    return new GenericRecordBuilder(QaTable.SEGMENT_STATS.schema()).set("run_id", runId)
        .set("series_instance_uid", seriesUid).set("model_id", model.id()).set("label_value", s.value())
        .set("label", s.label()).set("voxel_count", s.voxels()).set("volume_ml", s.volumeMl())
        .set("mean_hu", s.meanHu()).set("std_hu", s.stdHu()).set("bbox_min_x", box.minX())
        .set("bbox_min_y", box.minY()).set("bbox_min_z", box.minZ()).set("bbox_max_x", box.maxX())
        .set("bbox_max_y", box.maxY()).set("bbox_max_z", box.maxZ()).set("runtime", model.runtime())
        .set("runtime_note", model.runtimeNote()).build();
  }
}
