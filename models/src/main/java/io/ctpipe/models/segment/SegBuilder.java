package io.ctpipe.models.segment;

import io.ctpipe.dicom.seg.SegSeriesInfo;
import io.ctpipe.dicom.seg.SegWriter;
import io.ctpipe.dicom.seg.SegmentationException;
import io.ctpipe.dicom.seg.SegmentationType;
import io.ctpipe.dicom.volume.CtVolume;
import io.ctpipe.models.card.ModelCard;
import java.time.LocalDateTime;

/**
 * The DICOM SEG of one model's labels on a CT series: segments from the card, provenance (model id, version and the
 * {@link SegmentationSetup}'s hash of card, model file, tiling, backend and precision) in the algorithm identification
 * and the deterministic UIDs, and a series description that says when the model is an untrained replica.
 */
public final class SegBuilder {
  private SegBuilder() {}

  /**
   * @param setup the model and settings that made the labels (its hash enters the UIDs and the algorithm version)
   * @param type BINARY or LABELMAP (LABELMAP is RLE-compressed)
   * @param contentTime the SEG's content date and time (fix it for byte-identical re-runs)
   */
  public static SegWriter.Seg build(CtVolume ct, SegmentationRun run, SegmentationSetup setup,
      SegmentationType type, String softwareVersion, LocalDateTime contentTime) throws SegmentationException {
    ModelCard card = setup.card();
    String description = card.untrained() ? "UNTRAINED " + card.id() + " replica - meaningless output"
        : card.id() + " segmentation";
    SegSeriesInfo info = SegSeriesInfo.forModel(card.id(), card.version(), setup.hash(),
        softwareVersion, contentTime).withSeriesDescription(description);
    return SegWriter.build(ct, run.labels(), card.labels(), info, type, true);
  }
}
