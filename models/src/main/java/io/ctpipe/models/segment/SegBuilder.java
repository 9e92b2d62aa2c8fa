package io.ctpipe.models.segment;

import io.ctpipe.dicom.seg.SegSeriesInfo;
import io.ctpipe.dicom.seg.SegWriter;
import io.ctpipe.dicom.seg.SegmentationException;
import io.ctpipe.dicom.seg.SegmentationType;
import io.ctpipe.dicom.volume.CtVolume;
import io.ctpipe.models.card.ModelCard;
import io.ctpipe.models.card.ModelCards;
import io.ctpipe.models.tiling.TilingOptions;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;

/**
 * The DICOM SEG of one model's labels on a CT series: segments from the card, provenance (model id, version, a hash
 * of the card's settings and the tiling options) in the algorithm identification and the deterministic UIDs, and a
 * series description that says when the model is an untrained replica.
 */
public final class SegBuilder {
  private SegBuilder() {}

  /** The hash of card settings and tiling options that, with id and version, identifies a result. */
  public static String configurationHash(ModelCard card, TilingOptions options) {
    return ModelCards.sha256((card.describeSettings() + options).getBytes(StandardCharsets.UTF_8)).substring(0, 16);
  }

  /**
   * @param type BINARY or LABELMAP (LABELMAP is RLE-compressed)
   * @param contentTime the SEG's content date and time (fix it for byte-identical re-runs)
   */
  public static SegWriter.Seg build(CtVolume ct, SegmentationRun run, ModelCard card, TilingOptions options,
      SegmentationType type, String softwareVersion, LocalDateTime contentTime) throws SegmentationException {
    String description = card.untrained() ? "UNTRAINED " + card.id() + " replica - meaningless output"
        : card.id() + " segmentation";
    SegSeriesInfo info = SegSeriesInfo.forModel(card.id(), card.version(), configurationHash(card, options),
        softwareVersion, contentTime).withSeriesDescription(description);
    return SegWriter.build(ct, run.labels(), card.labels(), info, type, true);
  }
}
