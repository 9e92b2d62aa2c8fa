package io.ctpipe.dicom.seg;

import io.ctpipe.dicom.DicomDataset;
import io.ctpipe.dicom.Tag;
import io.ctpipe.dicom.Vr;
import java.util.List;

/**
 * Builds Segment Sequence items (Segment Description macro): the algorithm type as stated; unless MANUAL (where the
 * standard forbids it) the algorithm's name, and its identification when it also has a version. A tool named for
 * a manual segmentation is recorded in the equipment and content description instead.
 */
final class SegmentItems {
  private SegmentItems() {}

  static DicomDataset item(int segmentNumber, SegmentDescription d, SegSeriesInfo info) {
    DicomDataset item = new DicomDataset();
    item.putInt(Tag.SEGMENT_NUMBER, Vr.US, segmentNumber);
    item.putString(Tag.SEGMENT_LABEL, Vr.LO, d.label());
    item.putString(Tag.SEGMENT_ALGORITHM_TYPE, Vr.CS, info.algorithmType().name());
    if (info.algorithmType() != SegmentAlgorithmType.MANUAL) {
      item.putString(Tag.SEGMENT_ALGORITHM_NAME, Vr.LO, info.algorithmName());
      if (!info.algorithmVersion().isBlank()) {
        item.putSequence(Tag.SEGMENTATION_ALGORITHM_IDENTIFICATION_SEQUENCE, List.of(algorithm(info)));
      }
    }
    item.putSequence(Tag.SEGMENTED_PROPERTY_CATEGORY_CODE_SEQUENCE, List.of(d.category().toItem()));
    DicomDataset type = d.type().toItem();
    if (d.modifier() != null) {
      type.putSequence(Tag.SEGMENTED_PROPERTY_TYPE_MODIFIER_CODE_SEQUENCE, List.of(d.modifier().toItem()));
    }
    item.putSequence(Tag.SEGMENTED_PROPERTY_TYPE_CODE_SEQUENCE, List.of(type));
    if (d.rgb() != null) {
      item.putInts(Tag.RECOMMENDED_DISPLAY_CIELAB_VALUE, Vr.US, CieLab.fromRgb(d.rgb()));
    }
    return item;
  }

  private static DicomDataset algorithm(SegSeriesInfo info) {
    DicomDataset item = new DicomDataset();
    CodedConcept family = info.algorithmType() == SegmentAlgorithmType.AUTOMATIC
        ? CodedConcept.ARTIFICIAL_INTELLIGENCE : CodedConcept.MANUAL_PROCESSING;
    item.putSequence(Tag.ALGORITHM_FAMILY_CODE_SEQUENCE, List.of(family.toItem()));
    item.putString(Tag.ALGORITHM_NAME, Vr.LO, info.algorithmName());
    item.putString(Tag.ALGORITHM_VERSION, Vr.LO, info.algorithmVersion());
    return item;
  }
}
