package io.ctpipe.dicom.seg;

import io.ctpipe.dicom.DicomDataset;
import io.ctpipe.dicom.Tag;
import io.ctpipe.dicom.Vr;
import io.ctpipe.dicom.volume.SliceHeader;
import java.util.List;

/** Per-frame functional group items: frame content, plane position, derivation from the source slice. */
final class FrameGroups {
  private FrameGroups() {}

  /**
   * @param dimensionIndexValues the frame's index along each dimension of the Dimension Index Sequence
   * @param segmentNumber the frame's segment, or 0 for label map frames (no Segment Identification)
   */
  static DicomDataset item(SliceHeader source, int[] dimensionIndexValues, int segmentNumber) {
    DicomDataset item = new DicomDataset();
    DicomDataset content = new DicomDataset();
    content.putInts(Tag.DIMENSION_INDEX_VALUES, Vr.UL, dimensionIndexValues);
    item.putSequence(Tag.FRAME_CONTENT_SEQUENCE, List.of(content));
    DicomDataset position = new DicomDataset();
    position.putDecimals(Tag.IMAGE_POSITION_PATIENT, source.position());
    item.putSequence(Tag.PLANE_POSITION_SEQUENCE, List.of(position));
    item.putSequence(Tag.DERIVATION_IMAGE_SEQUENCE, List.of(derivation(source)));
    if (segmentNumber > 0) {
      DicomDataset segment = new DicomDataset();
      segment.putInt(Tag.REFERENCED_SEGMENT_NUMBER, Vr.US, segmentNumber);
      item.putSequence(Tag.SEGMENT_IDENTIFICATION_SEQUENCE, List.of(segment));
    }
    return item;
  }

  private static DicomDataset derivation(SliceHeader source) {
    DicomDataset sourceImage = new DicomDataset();
    sourceImage.putString(Tag.REFERENCED_SOP_CLASS_UID, Vr.UI, source.sopClassUid());
    sourceImage.putString(Tag.REFERENCED_SOP_INSTANCE_UID, Vr.UI, source.sopInstanceUid());
    if (source.isMultiFrame()) {
      sourceImage.putInts(Tag.REFERENCED_FRAME_NUMBER, Vr.IS, source.frame() + 1);
    }
    sourceImage.putSequence(Tag.PURPOSE_OF_REFERENCE_CODE_SEQUENCE,
        List.of(CodedConcept.SOURCE_IMAGE_FOR_PROCESSING.toItem()));
    sourceImage.putString(Tag.SPATIAL_LOCATIONS_PRESERVED, Vr.CS, "YES");
    DicomDataset derivation = new DicomDataset();
    derivation.putSequence(Tag.DERIVATION_CODE_SEQUENCE, List.of(CodedConcept.SEGMENTATION_DERIVATION.toItem()));
    derivation.putSequence(Tag.SOURCE_IMAGE_SEQUENCE, List.of(sourceImage));
    return derivation;
  }
}
