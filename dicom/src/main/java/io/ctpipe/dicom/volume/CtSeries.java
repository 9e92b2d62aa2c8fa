package io.ctpipe.dicom.volume;

import io.ctpipe.dicom.DicomDataset;
import java.util.List;

/**
 * The instances of one series found by a header scan, before any pixel is decoded.
 *
 * @param seriesInstanceUid the series UID, or a deterministic replacement when the files carry none
 * @param studyInstanceUid the study UID, or a deterministic replacement
 * @param modality Modality (0008,0060), empty when absent
 * @param slices one header per 2D slice (frames of multi-frame images are separate slices)
 * @param referenceHeader the header of the first instance (patient, study, series, equipment attributes)
 * @param identityFlags findings about missing UIDs
 */
public record CtSeries(String seriesInstanceUid, String studyInstanceUid, String modality, List<SliceHeader> slices,
    DicomDataset referenceHeader, List<GeometryFlag> identityFlags) {

  public CtSeries {
    slices = List.copyOf(slices);
    identityFlags = List.copyOf(identityFlags);
  }

  /** Number of distinct DICOM objects in the series. */
  public long instanceCount() {
    return slices.stream().map(SliceHeader::source).distinct().count();
  }

  /** The distinct transfer syntax UIDs of the series' objects. */
  public List<String> transferSyntaxUids() {
    return slices.stream().map(SliceHeader::transferSyntaxUid).distinct().sorted().toList();
  }
}
