package io.ctpipe.dicom.seg;

import io.ctpipe.dicom.DicomDataset;
import io.ctpipe.dicom.DicomFile;
import io.ctpipe.dicom.DicomFormatException;
import io.ctpipe.dicom.Tag;
import io.ctpipe.dicom.pixel.PixelData;
import io.ctpipe.dicom.pixel.PixelFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads BINARY (frames may start mid-byte), FRACTIONAL and LABELMAP segmentations in every transfer syntax
 * {@link PixelData} decodes.
 */
public final class SegReader {
  private SegReader() {}

  public static Segmentation read(DicomFile file) throws DicomFormatException {
    DicomDataset ds = file.dataset();
    String typeName = ds.string(Tag.SEGMENTATION_TYPE, "");
    SegmentationType type;
    try {
      type = SegmentationType.valueOf(typeName);
    } catch (IllegalArgumentException e) {
      throw new DicomFormatException(file.source() + ": SegmentationType is '" + typeName
          + "'; expected BINARY, FRACTIONAL or LABELMAP");
    }
    int rows = ds.intValue(Tag.ROWS, 0);
    int columns = ds.intValue(Tag.COLUMNS, 0);
    List<DicomDataset> perFrame = ds.sequence(Tag.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE);
    List<String> warnings = new ArrayList<>();
    int present = PixelData.framesPresent(file);
    int frameCount = frameCount(ds, perFrame.size(), present, warnings);
    DicomDataset shared = ds.sequence(Tag.SHARED_FUNCTIONAL_GROUPS_SEQUENCE).stream().findFirst()
        .orElse(new DicomDataset());
    List<SegFrame> frames = new ArrayList<>(frameCount);
    for (DicomDataset item : perFrame.subList(0, frameCount)) {
      frames.add(frame(item, shared, type));
    }
    Segmentation.FramePixels pixels = framePixels(PixelData.of(file, present));
    String referencedSeries = ds.sequence(Tag.REFERENCED_SERIES_SEQUENCE).stream().findFirst()
        .map(s -> s.string(Tag.SERIES_INSTANCE_UID, "")).orElse("");
    return new Segmentation(file.sopClassUid().orElse(""), type, rows, columns, referencedSeries, segments(ds),
        frames, pixels, warnings);
  }

  /**
   * The frames to read: those that have both a per-frame functional group item and pixels. Number of Frames is
   * checked against them, not trusted: a missing or wrong value, or pixel data with more or fewer frames than
   * items, is read as far as it goes and reported as a warning.
   */
  private static int frameCount(DicomDataset ds, int items, int present, List<String> warnings)
      throws DicomFormatException {
    if (items == 0) {
      throw new DicomFormatException("the segmentation has no Per-frame Functional Groups Sequence items");
    }
    if (!ds.contains(Tag.NUMBER_OF_FRAMES)) {
      warnings.add("Number of Frames (0028,0008) is absent; " + items + " per-frame functional group items "
          + "describe the frames");
    } else if (ds.intValue(Tag.NUMBER_OF_FRAMES, 0) != items) {
      warnings.add("Number of Frames (0028,0008) is " + ds.string(Tag.NUMBER_OF_FRAMES, "") + " but " + items
          + " per-frame functional group items describe frames");
    }
    if (present < items) {
      warnings.add("Pixel Data holds " + present + " frame(s) for " + items + " per-frame items: the last "
          + (items - present) + " item(s) are not read");
    } else if (present > items) {
      warnings.add("Pixel Data holds " + present + " frames but only " + items + " are described: the rest are "
          + "not read");
    }
    if (present == 0) {
      throw new DicomFormatException("Pixel Data holds no complete frame");
    }
    return Math.min(items, present);
  }

  private static List<SegmentInfo> segments(DicomDataset ds) throws DicomFormatException {
    List<SegmentInfo> out = new ArrayList<>();
    for (DicomDataset item : ds.sequence(Tag.SEGMENT_SEQUENCE)) {
      List<DicomDataset> types = item.sequence(Tag.SEGMENTED_PROPERTY_TYPE_CODE_SEQUENCE);
      List<DicomDataset> categories = item.sequence(Tag.SEGMENTED_PROPERTY_CATEGORY_CODE_SEQUENCE);
      CodedConcept type = types.isEmpty() ? null : CodedConcept.fromItem(types.get(0));
      CodedConcept modifier = types.isEmpty() ? null : types.get(0)
          .sequence(Tag.SEGMENTED_PROPERTY_TYPE_MODIFIER_CODE_SEQUENCE).stream().findFirst()
          .map(CodedConcept::fromItem).orElse(null);
      out.add(new SegmentInfo(item.intValue(Tag.SEGMENT_NUMBER, 0), item.string(Tag.SEGMENT_LABEL, ""),
          categories.isEmpty() ? null : CodedConcept.fromItem(categories.get(0)), type, modifier, cieLab(item)));
    }
    return out;
  }

  /** The three unsigned 16-bit values of Recommended Display CIELab Value, or null. */
  private static int[] cieLab(DicomDataset item) {
    return item.element(Tag.RECOMMENDED_DISPLAY_CIELAB_VALUE).filter(e -> e.length() >= 6).map(e -> {
      java.nio.ByteBuffer v = e.value();
      return new int[] {v.getShort(v.position()) & 0xFFFF, v.getShort(v.position() + 2) & 0xFFFF,
          v.getShort(v.position() + 4) & 0xFFFF};
    }).orElse(null);
  }

  private static SegFrame frame(DicomDataset item, DicomDataset shared, SegmentationType type)
      throws DicomFormatException {
    int segment = 0;
    if (type != SegmentationType.LABELMAP) {
      DicomDataset identification = first(item, shared, Tag.SEGMENT_IDENTIFICATION_SEQUENCE);
      if (identification == null) {
        throw new DicomFormatException("a " + type + " frame has no Segment Identification Sequence");
      }
      segment = identification.intValue(Tag.REFERENCED_SEGMENT_NUMBER, 0);
    }
    String sop = null;
    int referencedFrame = 0;
    DicomDataset derivation = first(item, shared, Tag.DERIVATION_IMAGE_SEQUENCE);
    if (derivation != null && !derivation.sequence(Tag.SOURCE_IMAGE_SEQUENCE).isEmpty()) {
      DicomDataset source = derivation.sequence(Tag.SOURCE_IMAGE_SEQUENCE).get(0);
      sop = source.string(Tag.REFERENCED_SOP_INSTANCE_UID).orElse(null);
      referencedFrame = source.intValue(Tag.REFERENCED_FRAME_NUMBER, 0);
    }
    DicomDataset plane = first(item, shared, Tag.PLANE_POSITION_SEQUENCE);
    double[] position = plane == null ? null : plane.doubles(Tag.IMAGE_POSITION_PATIENT);
    return new SegFrame(segment, sop, referencedFrame, position == null || position.length != 3 ? null : position);
  }

  private static DicomDataset first(DicomDataset frame, DicomDataset shared, int sequence) {
    List<DicomDataset> items = frame.sequence(sequence);
    if (items.isEmpty()) {
      items = shared.sequence(sequence);
    }
    return items.isEmpty() ? null : items.get(0);
  }

  private static Segmentation.FramePixels framePixels(PixelData data) {
    PixelFormat format = data.format();
    return frame -> {
      short[] raw = data.decodeFrame(frame);
      int[] out = new int[raw.length];
      for (int i = 0; i < raw.length; i++) {
        out[i] = format.value(raw[i]);
      }
      return out;
    };
  }
}
