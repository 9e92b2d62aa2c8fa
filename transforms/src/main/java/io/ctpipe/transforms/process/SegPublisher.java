package io.ctpipe.transforms.process;

import io.ctpipe.dicom.DicomWriter;
import io.ctpipe.dicom.seg.SegWriter;
import io.ctpipe.dicom.seg.SegmentationType;
import io.ctpipe.dicom.seg.SegmentationTypeChoice;
import io.ctpipe.dicom.volume.CtVolume;
import io.ctpipe.dicom.web.DicomWebClient;
import io.ctpipe.models.segment.SegBuilder;
import io.ctpipe.models.segment.SegmentationRun;
import io.ctpipe.models.segment.Segmenter;
import io.ctpipe.transforms.fetch.DicomWebAuth;
import io.ctpipe.transforms.fetch.Retry;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Publishes one model's segmentation of a series: a DICOM SEG (BINARY or LABELMAP as {@code --segType} chooses)
 * written atomically below the output and, with {@code --stowUrl}, stored in that DICOMweb store too, where a SEG
 * the store already holds (a retried bundle, a re-run) counts as stored.
 */
final class SegPublisher {
  private final ProcessingConfig config;
  private final String configurationHash;

  SegPublisher(ProcessingConfig config, String configurationHash) {
    this.config = config;
    this.configurationHash = configurationHash;
  }

  /** The SEG as written: its path below the output and its UIDs. */
  record Published(String path, String seriesInstanceUid, String sopInstanceUid) {}

  Published publish(CtVolume ct, SegmentationRun run, Segmenter segmenter) throws Exception {
    var card = segmenter.card();
    SegmentationType type = config.segType().resolve(card.labels().size(),
        SegmentationTypeChoice.DEFAULT_LABELMAP_ABOVE);
    SegWriter.Seg seg = SegBuilder.build(ct, run, segmenter.setup(), type, config.ctpipeVersion(),
        LocalDateTime.parse(config.contentTime()));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DicomWriter.write(seg.dataset(), seg.transferSyntax(), bytes);
    String path = OutputFiles.segPath(config.output(), ct.studyInstanceUid(), ct.seriesInstanceUid(), card.id(),
        configurationHash);
    OutputFiles.write(config.output(), path, bytes.toByteArray(), "application/dicom");
    if (config.stowUrl() != null) {
      URI store = URI.create(config.stowUrl());
      DicomWebClient stow = new DicomWebClient(store, config.fetch().requestTimeout(), 1 << 20,
          DicomWebAuth.tokensFor(config.fetch(), store));
      new Retry(config.fetch()).run("STOW-RS of " + card.id() + " SEG", () -> stow.store(List.of(
          bytes.toByteArray())));
    }
    return new Published(path, seg.seriesInstanceUid(), seg.sopInstanceUid());
  }
}
