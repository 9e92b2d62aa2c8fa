package io.ctpipe.transforms.process;

import io.ctpipe.models.card.ModelCard;
import io.ctpipe.models.runtime.ResolvedInference;
import io.ctpipe.transforms.qa.QaTable;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;

/** segment_stats rows: a label's size, HU statistics and box, and the backend and precision that found it. */
final class SegmentRows {
  private SegmentRows() {}

  /** @param runs the backend and precision that made the labels, and why when not the ones asked for */
  static GenericRecord of(String runId, String seriesUid, ModelCard card, ResolvedInference runs,
      SegmentStatistics s) {
    String label = s.label() <= card.labels().size() ? card.labels().get(s.label() - 1).label() : "label_" + s.label();
    return new GenericRecordBuilder(QaTable.SEGMENT_STATS.schema()).set("run_id", runId)
        .set("series_instance_uid", seriesUid).set("model_id", card.id()).set("label_value", s.label())
        .set("label", label).set("voxel_count", s.voxels()).set("volume_ml", s.millilitres())
        .set("mean_hu", s.meanHu()).set("std_hu", s.stdHu()).set("bbox_min_x", s.min()[0])
        .set("bbox_min_y", s.min()[1]).set("bbox_min_z", s.min()[2]).set("bbox_max_x", s.max()[0])
        .set("bbox_max_y", s.max()[1]).set("bbox_max_z", s.max()[2]).set("runtime", runs.describe())
        .set("runtime_note", runs.reason()).build();
  }
}
