package io.ctpipe.transforms.result;

import io.ctpipe.transforms.manifest.SeriesRef;
import io.ctpipe.transforms.qa.QaTable;
import io.ctpipe.transforms.qa.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;

/** Rows back into results ({@link ResultRows}' reading half). */
final class RowReader {
  private RowReader() {}

  static RunResults run(String runId, Map<QaTable, List<GenericRecord>> rows) {
    Map<String, List<GenericRecord>> slices = bySeriesUid(rows.get(QaTable.SLICE_QA));
    Map<String, List<GenericRecord>> statistics = bySeriesUid(rows.get(QaTable.SEGMENT_STATS));
    List<DeadLetter> letters = deadLetters(rows.get(QaTable.DEAD_LETTERS));
    Map<String, List<DeadLetter>> dead = letters.stream().filter(d -> d.seriesKey() != null)
        .collect(Collectors.groupingBy(DeadLetter::seriesKey, LinkedHashMap::new, Collectors.toList()));
    List<SeriesResult> series = new ArrayList<>();
    for (GenericRecord row : rows.get(QaTable.SERIES_QA)) {
      Columns s = new Columns(row);
      String uid = Objects.toString(s.text("series_instance_uid"));
      series.add(series(runId, row, slices.getOrDefault(uid, List.of()), statistics.getOrDefault(uid, List.of()),
          s.text("series_key") == null ? List.of() : dead.getOrDefault(s.text("series_key"), List.of()), false,
          false));
    }
    return new RunResults(runId, series, letters);
  }

  static List<DeadLetter> deadLetters(List<GenericRecord> rows) {
    return rows.stream().map(RowReader::deadLetter).toList();
  }

  /**
   * @param strict whether rows that belong to no part of the series (label statistics of a model it does not list,
   *     slice scores without body part regression) are an error rather than left out
   */
  static SeriesResult series(String runId, GenericRecord row, List<GenericRecord> slices,
      List<GenericRecord> statistics, List<DeadLetter> letters, boolean reused, boolean strict) {
    if (row == null) {
      if (strict && !(slices.isEmpty() && statistics.isEmpty())) {
        throw new IllegalArgumentException("it holds slice or label rows but no series_qa row");
      }
      return new SeriesResult(runId, null, null, null, List.of(), letters, reused);
    }
    Columns s = new Columns(row);
    Columns b = s.record("bpr");
    if (strict && b == null && !slices.isEmpty()) {
      throw new IllegalArgumentException("it holds slice_qa rows but no body part regression");
    }
    BprOutcome bpr = b == null ? null : new BprOutcome(model(b), status(b), findings(b), slices.stream()
        .map(r -> slice(new Columns(r))).toList());
    Map<String, List<GenericRecord>> byModel = statistics.stream().collect(Collectors.groupingBy(
        r -> Objects.toString(new Columns(r).text("model_id")), LinkedHashMap::new, Collectors.toList()));
    List<ModelOutcome> models = new ArrayList<>();
    for (Columns m : s.records("models")) {
      List<GenericRecord> labels = byModel.remove(Objects.toString(m.text("model_id")));
      models.add(new ModelOutcome(model(m), status(m), seg(m), m.integer("labels_found"), m.integer("windows_run"),
          m.integer("windows_total"), labels == null ? List.of() : labels.stream().map(r -> label(new Columns(r)))
              .toList()));
    }
    if (strict && !byModel.isEmpty()) {
      throw new IllegalArgumentException("it holds segment_stats rows of model(s) " + byModel.keySet()
          + " that its series_qa row does not list");
    }
    StageTimings timings = new StageTimings(s.whole("fetch_ms"), s.whole("decode_ms"), s.whole("bpr_ms"),
        s.whole("segment_ms"), s.whole("write_ms"));
    return new SeriesResult(runId, facts(s), timings, bpr, models, letters, reused);
  }

  private static SeriesFacts facts(Columns s) {
    return new SeriesFacts(new Provenance(s.time("processed_at"), s.text("ctpipe_version"), s.text("configuration")),
        s.text("series_key"), s.text("origin"), s.text("collection_id"), s.text("source_location"),
        s.text("study_instance_uid"), s.text("series_instance_uid"), s.text("modality"), s.integer("instance_count"),
        new Grid(s.integer("columns"), s.integer("rows"), s.integer("slices"), s.real("spacing_x_mm"),
            s.real("spacing_y_mm"), s.real("spacing_z_mm")), s.texts("geometry_flags"),
        s.text("dicom_body_part_examined"), s.whole("fetched_bytes"), s.integer("fetch_retries"));
  }

  private static ModelRun model(Columns m) {
    return new ModelRun(m.text("model_id"), m.text("model_version"), m.text("model_sha256"), m.flag("untrained"),
        m.text("runtime"), m.text("runtime_note"));
  }

  private static Status status(Columns m) {
    String status = m.text("status");
    return status == null ? null : Status.ofColumn(status);
  }

  /** The findings, or null when the row has none (body part regression failed). */
  private static BodyPartFindings findings(Columns b) {
    BodyPartFindings found = new BodyPartFindings(b.text("body_part_examined_tag"), b.text("body_part_agreement"),
        b.nullableFlag("body_part_mismatch"), b.nullableFlag("reversed_slice_order"), b.nullableFlag("valid_z_spacing"),
        b.nullableReal("estimated_z_spacing_mm"), b.nullableReal("slope_ratio"), b.nullableInteger("anomalous_slices"));
    return found.equals(new BodyPartFindings(null, null, null, null, null, null, null, null)) ? null : found;
  }

  private static SegFile seg(Columns m) {
    String path = m.text("seg_path");
    return path == null ? null : new SegFile(path, m.text("seg_series_instance_uid"), m.text("seg_sop_instance_uid"));
  }

  private static SliceScore slice(Columns r) {
    return new SliceScore(r.integer("slice_index"), r.integer("volume_slice"), r.real("z_mm"),
        r.nullableReal("bpr_score"), r.real("bpr_raw_score"), r.flag("anomaly"));
  }

  private static LabelStatistics label(Columns r) {
    return new LabelStatistics(r.integer("label_value"), r.text("label"), r.whole("voxel_count"), r.real("volume_ml"),
        r.real("mean_hu"), r.real("std_hu"), new VoxelBox(r.integer("bbox_min_x"), r.integer("bbox_min_y"),
            r.integer("bbox_min_z"), r.integer("bbox_max_x"), r.integer("bbox_max_y"), r.integer("bbox_max_z")));
  }

  static DeadLetter deadLetter(GenericRecord row) {
    Columns d = new Columns(row);
    String stage = d.text("stage");
    Columns in = d.record("input");
    return new DeadLetter(d.text("series_key"), d.text("series_instance_uid"), d.text("origin"),
        in == null ? null : input(in), stage == null ? null : Stage.ofColumn(stage), d.text("error_class"),
        d.text("message"), d.flag("retryable"), d.time("attempt_time"), d.text("stack_trace"));
  }

  private static SeriesRef input(Columns in) {
    String source = in.text("source");
    SeriesRef.Source from = switch (Objects.toString(source)) {
      case "files" -> SeriesRef.Source.FILES;
      case "dicomweb" -> SeriesRef.Source.DICOMWEB;
      default -> throw new IllegalArgumentException("unknown series source '" + source + "': expected files or "
          + "dicomweb");
    };
    return new SeriesRef(in.text("series_key"), from, in.text("location"), in.text("study_instance_uid"),
        in.text("series_instance_uid"), in.text("collection_id"), in.text("origin"));
  }

  private static Map<String, List<GenericRecord>> bySeriesUid(List<GenericRecord> rows) {
    return rows.stream().collect(Collectors.groupingBy(r -> Objects.toString(new Columns(r).text(
        "series_instance_uid")), LinkedHashMap::new, Collectors.toList()));
  }
}
