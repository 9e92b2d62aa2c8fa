package io.ctpipe.transforms.process;

import io.ctpipe.models.bpr.BprCard;
import io.ctpipe.models.bpr.BprReport;
import io.ctpipe.models.bpr.ScoreCurve;
import io.ctpipe.models.runtime.ResolvedInference;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;

/** The series_qa.bpr record: the model, and the report's tag, flags and z-spacing check (nulls when it failed). */
final class BprRow {
  private BprRow() {}

  static GenericRecord of(Schema seriesSchema, BprCard card, ResolvedInference runs, BprReport report,
      boolean failed) {
    Schema schema = seriesSchema.getField("bpr").schema().getTypes().get(1);
    GenericRecordBuilder b = new GenericRecordBuilder(schema).set("model_id", card.id())
        .set("model_version", card.version()).set("model_sha256", card.sha256() == null ? "" : card.sha256())
        .set("untrained", card.untrained()).set("status", failed ? "failed" : "ok")
        .set("runtime", runs.describe()).set("runtime_note", runs.reason());
    if (report != null) {
      ScoreCurve c = report.curve();
      b.set("body_part_examined_tag", report.tag())
          .set("body_part_agreement", report.bodyPartCheck().agreement().name())
          .set("body_part_mismatch", report.bodyPartCheck().mismatch())
          .set("reversed_slice_order", c.reversed())
          .set("valid_z_spacing", Double.isNaN(c.validZSpacing()) ? null : c.validZSpacing() == 1)
          .set("estimated_z_spacing_mm", finite(Math.abs(c.expectedZSpacing())))
          .set("slope_ratio", finite(c.slopeRatio()))
          .set("anomalous_slices", report.anomalies().slices().size());
    }
    return b.build();
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
