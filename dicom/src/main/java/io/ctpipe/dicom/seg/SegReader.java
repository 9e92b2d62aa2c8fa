package io.ctpipe.dicom.seg;

import io.ctpipe.dicom.DicomDataset;
import io.ctpipe.dicom.DicomElement;
import io.ctpipe.dicom.DicomFile;
import io.ctpipe.dicom.DicomFormatException;
import io.ctpipe.dicom.Tag;
import io.ctpipe.dicom.pixel.PixelData;
import io.ctpipe.dicom.pixel.PixelFormat;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Reads BINARY (frames may start mid-byte), FRACTIONAL and LABELMAP segmentations. */
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
    int frameCount = ds.intValue(Tag.NUMBER_OF_FRAMES, 1);
    List<DicomDataset> perFrame = ds.sequence(Tag.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE);
    if (perFrame.size() != frameCount) {
      throw new DicomFormatException(file.source() + ": " + perFrame.size() + " per-frame functional group items "
          + "for " + frameCount + " frames");
    }
    DicomDataset shared = ds.sequence(Tag.SHARED_FUNCTIONAL_GROUPS_SEQUENCE).stream().findFirst()
        .orElse(new DicomDataset());
    List<SegFrame> frames = new ArrayList<>(frameCount);
    for (DicomDataset item : perFrame) {
      frames.add(frame(item, shared, type));
    }
    Segmentation.FramePixels pixels = type == SegmentationType.BINARY
        ? binaryPixels(file, rows, columns, frameCount) : bytePixels(file);
    String referencedSeries = ds.sequence(Tag.REFERENCED_SERIES_SEQUENCE).stream().findFirst()
        .map(s -> s.string(Tag.SERIES_INSTANCE_UID, "")).orElse("");
    return new Segmentation(file.sopClassUid().orElse(""), type, rows, columns, referencedSeries, segments(ds),
        frames, pixels);
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
          categories.isEmpty() ? null : CodedConcept.fromItem(categories.get(0)), type, modifier));
    }
    return out;
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

  private static Segmentation.FramePixels binaryPixels(DicomFile file, int rows, int columns, int frames)
      throws DicomFormatException {
    DicomElement element = file.dataset().element(Tag.PIXEL_DATA).orElseThrow(() ->
        new DicomFormatException(file.source() + ": no Pixel Data (7FE0,0010)"));
    if (element.isEncapsulated()) {
      throw new DicomFormatException(file.source() + ": compressed BINARY segmentations ("
          + file.transferSyntax().uid() + ") are not read by ctpipe");
    }
    ByteBuffer bits = element.value();
    long pixelsPerFrame = (long) rows * columns;
    long needed = (pixelsPerFrame * frames + 7) / 8;
    if (bits.remaining() < needed) {
      throw new DicomFormatException(file.source() + ": BINARY Pixel Data holds " + bits.remaining()
          + " bytes but " + frames + " frames of " + columns + "x" + rows + " need " + needed);
    }
    return frame -> {
      int[] out = new int[(int) pixelsPerFrame];
      long bit = frame * pixelsPerFrame;
      for (int i = 0; i < out.length; i++, bit++) {
        out[i] = (bits.get((int) (bit >>> 3)) >>> (bit & 7)) & 1;
      }
      return out;
    };
  }

  private static Segmentation.FramePixels bytePixels(DicomFile file) throws DicomFormatException {
    PixelData data = PixelData.of(file);
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
