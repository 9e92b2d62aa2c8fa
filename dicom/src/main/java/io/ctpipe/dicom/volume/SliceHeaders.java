package io.ctpipe.dicom.volume;

import io.ctpipe.dicom.DicomDataset;
import io.ctpipe.dicom.DicomFile;
import io.ctpipe.dicom.DicomFormatException;
import io.ctpipe.dicom.Tag;
import java.util.ArrayList;
import java.util.List;

/** Extracts {@link SliceHeader}s from single-frame images and from enhanced multi-frame functional groups. */
public final class SliceHeaders {
  private SliceHeaders() {}

  public static List<SliceHeader> of(DicomFile file, String sopInstanceUid) throws DicomFormatException {
    DicomDataset ds = file.dataset();
    List<DicomDataset> perFrame = ds.sequence(Tag.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE);
    List<DicomDataset> sharedItems = ds.sequence(Tag.SHARED_FUNCTIONAL_GROUPS_SEQUENCE);
    DicomDataset shared = sharedItems.isEmpty() ? new DicomDataset() : sharedItems.get(0);
    int frames = Math.max(1, ds.intValue(Tag.NUMBER_OF_FRAMES, 1));
    if (!perFrame.isEmpty() && perFrame.size() != frames) {
      throw new DicomFormatException(file.source() + ": " + perFrame.size()
          + " per-frame functional group items for " + frames + " frames");
    }
    List<SliceHeader> out = new ArrayList<>(frames);
    for (int f = 0; f < frames; f++) {
      DicomDataset frameGroups = perFrame.isEmpty() ? new DicomDataset() : perFrame.get(f);
      FunctionalGroups groups = new FunctionalGroups(ds, shared, frameGroups);
      out.add(new SliceHeader(file.source(), f, frames, sopInstanceUid, file.sopClassUid().orElse(""),
          ds.intValue(Tag.INSTANCE_NUMBER, 0), ds.intValue(Tag.ACQUISITION_NUMBER, 0),
          groups.doubles(Tag.PLANE_POSITION_SEQUENCE, Tag.IMAGE_POSITION_PATIENT, 3),
          groups.doubles(Tag.PLANE_ORIENTATION_SEQUENCE, Tag.IMAGE_ORIENTATION_PATIENT, 6),
          groups.doubles(Tag.PIXEL_MEASURES_SEQUENCE, Tag.PIXEL_SPACING, 2),
          ds.intValue(Tag.ROWS, 0), ds.intValue(Tag.COLUMNS, 0),
          first(groups.doubles(Tag.PIXEL_MEASURES_SEQUENCE, Tag.SLICE_THICKNESS, 1), Double.NaN),
          first(groups.doubles(Tag.PIXEL_VALUE_TRANSFORMATION_SEQUENCE, Tag.RESCALE_SLOPE, 1), 1.0),
          first(groups.doubles(Tag.PIXEL_VALUE_TRANSFORMATION_SEQUENCE, Tag.RESCALE_INTERCEPT, 1), 0.0),
          ds.strings(Tag.IMAGE_TYPE), file.transferSyntax().uid()));
    }
    return out;
  }

  private static double first(double[] values, double fallback) {
    return values == null ? fallback : values[0];
  }

  /** Looks an attribute up in the frame's functional group, then the shared one, then the top level. */
  private record FunctionalGroups(DicomDataset top, DicomDataset shared, DicomDataset frame) {
    double[] doubles(int groupSequence, int tag, int count) throws DicomFormatException {
      for (DicomDataset groups : List.of(frame, shared)) {
        List<DicomDataset> items = groups.sequence(groupSequence);
        if (!items.isEmpty() && items.get(0).contains(tag)) {
          return checked(items.get(0).doubles(tag), tag, count);
        }
      }
      return top.contains(tag) ? checked(top.doubles(tag), tag, count) : null;
    }

    private static double[] checked(double[] values, int tag, int count) throws DicomFormatException {
      if (values.length == 0) {
        return null;
      }
      if (values.length != count) {
        throw new DicomFormatException(Tag.format(tag) + " has " + values.length + " values; expected " + count);
      }
      return values;
    }
  }
}
