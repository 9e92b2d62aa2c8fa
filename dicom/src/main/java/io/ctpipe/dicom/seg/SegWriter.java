package io.ctpipe.dicom.seg;

import io.ctpipe.dicom.DicomDataset;
import io.ctpipe.dicom.DicomWriter;
import io.ctpipe.dicom.Tag;
import io.ctpipe.dicom.TextEncoding;
import io.ctpipe.dicom.TransferSyntax;
import io.ctpipe.dicom.Uids;
import io.ctpipe.dicom.Vr;
import io.ctpipe.dicom.volume.CtVolume;
import io.ctpipe.dicom.volume.GeometryFlag;
import io.ctpipe.dicom.volume.LabelMap;
import io.ctpipe.dicom.volume.SliceHeader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds DICOM Segmentation objects from a label map on a CT volume's grid: BINARY (Segmentation Storage, one
 * bit-packed frame per segment and slice where it is present) or LABELMAP (Label Map Segmentation Storage, one
 * frame per slice holding segment numbers, RLE Lossless by default). Segments are numbered 1..N in ascending label
 * value for both types, so label values need not be consecutive. Series and SOP Instance UIDs are derived from
 * the source series, the algorithm, its version, the configuration hash and the type, so writing again gives the
 * same UIDs.
 */
public final class SegWriter {
  public static final String SEGMENTATION_STORAGE = "1.2.840.10008.5.1.4.1.1.66.4";
  public static final String LABEL_MAP_SEGMENTATION_STORAGE = "1.2.840.10008.5.1.4.1.1.66.7";
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss");

  /** A built segmentation: the data set, the transfer syntax it must be written in, and its frame count. */
  public record Seg(DicomDataset dataset, TransferSyntax transferSyntax, int frames) {
    public void write(Path path) throws IOException {
      DicomWriter.write(dataset, transferSyntax, path);
    }

    public String seriesInstanceUid() {
      return dataset.string(Tag.SERIES_INSTANCE_UID, "");
    }

    public String sopInstanceUid() {
      return dataset.string(Tag.SOP_INSTANCE_UID, "");
    }
  }

  private SegWriter() {}

  /**
   * @param segments one description per label value; labels without voxels are listed but get no frames
   * @param compressLabelMap write LABELMAP pixel data as RLE Lossless (ignored for BINARY, which stays native)
   */
  public static Seg build(CtVolume source, LabelMap labels, List<SegmentDescription> segments, SegSeriesInfo info,
      SegmentationType type, boolean compressLabelMap) throws SegmentationException {
    if (type == SegmentationType.FRACTIONAL) {
      throw new SegmentationException("ctpipe writes BINARY and LABELMAP segmentations; FRACTIONAL is read only");
    }
    Map<Integer, SegmentDescription> byLabel = validate(source, labels, segments);
    boolean binary = type == SegmentationType.BINARY;
    Map<Integer, Integer> segmentNumbers = new LinkedHashMap<>();
    for (int label : byLabel.keySet()) {
      segmentNumbers.put(label, segmentNumbers.size() + 1);
    }
    // Model output keeps the UIDs it always had; a stated manual or semi-automatic origin makes another series.
    String algorithm = info.algorithmType() == SegmentAlgorithmType.AUTOMATIC ? info.algorithmName()
        : info.algorithmType().name() + ":" + info.algorithmName();
    String seriesUid = Uids.fromName("ctpipe-seg-series", source.seriesInstanceUid(), algorithm,
        info.algorithmVersion(), info.configurationHash(), type.name());
    DicomDataset ds = new DicomDataset();
    header(ds, source, info, seriesUid, binary);
    List<DicomDataset> segmentItems = new ArrayList<>();
    for (Map.Entry<Integer, Integer> e : segmentNumbers.entrySet()) {
      segmentItems.add(SegmentItems.item(e.getValue(), byLabel.get(e.getKey()), info));
    }
    ds.putSequence(Tag.SEGMENT_SEQUENCE, segmentItems);
    dimensions(ds, seriesUid, binary);
    sharedGroups(ds, source);
    int frames;
    TransferSyntax syntax;
    if (binary) {
      frames = BinaryFrames.write(ds, source, labels, segmentNumbers);
      syntax = TransferSyntax.EXPLICIT_VR_LE;
    } else {
      frames = LabelMapFrames.write(ds, source, labels, segmentNumbers, compressLabelMap);
      syntax = compressLabelMap ? TransferSyntax.RLE_LOSSLESS : TransferSyntax.EXPLICIT_VR_LE;
    }
    ds.putInts(Tag.NUMBER_OF_FRAMES, Vr.IS, frames);
    referencedSeries(ds, source);
    TextEncoding.normalise(ds);
    return new Seg(ds, syntax, frames);
  }

  private static Map<Integer, SegmentDescription> validate(CtVolume source, LabelMap labels,
      List<SegmentDescription> segments) throws SegmentationException {
    if (!java.util.Arrays.equals(source.dims(), labels.dims())) {
      throw new SegmentationException("label map grid " + dims(labels.dims()) + " differs from the CT grid "
          + dims(source.dims()));
    }
    Map<Integer, SegmentDescription> byLabel = new java.util.TreeMap<>();
    for (SegmentDescription d : segments) {
      if (byLabel.put(d.labelValue(), d) != null) {
        throw new SegmentationException("label value " + d.labelValue() + " is described twice");
      }
    }
    int[] present = labels.presentLabels();
    if (present.length == 0) {
      throw new SegmentationException("the label map is empty (no voxel above 0): a segmentation without "
          + "frames is not a valid DICOM SEG, so none is written");
    }
    List<Integer> undescribed = new ArrayList<>();
    for (int label : present) {
      if (!byLabel.containsKey(label)) {
        undescribed.add(label);
      }
    }
    if (!undescribed.isEmpty()) {
      throw new SegmentationException("label values without a description: "
          + undescribed.subList(0, Math.min(20, undescribed.size())) + (undescribed.size() > 20 ? " ..." : ""));
    }
    return byLabel;
  }

  private static void header(DicomDataset ds, CtVolume source, SegSeriesInfo info, String seriesUid,
      boolean binary) {
    SourceAttributes.copy(source, ds);
    String date = info.contentDateTime().format(DATE);
    String time = info.contentDateTime().format(TIME);
    ds.putStrings(Tag.IMAGE_TYPE, Vr.CS, List.of("DERIVED", "PRIMARY"));
    ds.putString(Tag.SOP_CLASS_UID, Vr.UI, binary ? SEGMENTATION_STORAGE : LABEL_MAP_SEGMENTATION_STORAGE);
    ds.putString(Tag.SOP_INSTANCE_UID, Vr.UI, Uids.fromName("ctpipe-seg-instance", seriesUid));
    ds.putString(Tag.SERIES_DATE, Vr.DA, date);
    ds.putString(Tag.SERIES_TIME, Vr.TM, time);
    ds.putString(Tag.CONTENT_DATE, Vr.DA, date);
    ds.putString(Tag.CONTENT_TIME, Vr.TM, time);
    ds.putString(Tag.MODALITY, Vr.CS, "SEG");
    ds.putString(Tag.MANUFACTURER, Vr.LO, "ctpipe");
    ds.putString(Tag.SERIES_DESCRIPTION, Vr.LO, info.seriesDescription());
    // Enhanced General Equipment wants all three (type 1): the algorithm when one is named, else ctpipe itself.
    ds.putString(Tag.MANUFACTURER_MODEL_NAME, Vr.LO, info.hasAlgorithm() ? info.algorithmName() : "ctpipe");
    ds.putString(Tag.DEVICE_SERIAL_NUMBER, Vr.LO, info.algorithmVersion().isBlank() ? info.softwareVersion()
        : info.algorithmVersion());
    ds.putStrings(Tag.SOFTWARE_VERSIONS, Vr.LO, info.hasAlgorithm()
        ? List.of("ctpipe " + info.softwareVersion(), (info.algorithmName() + " " + info.algorithmVersion()).trim())
        : List.of("ctpipe " + info.softwareVersion()));
    ds.putString(Tag.SERIES_INSTANCE_UID, Vr.UI, seriesUid);
    ds.putInts(Tag.SERIES_NUMBER, Vr.IS, info.seriesNumber());
    ds.putInts(Tag.INSTANCE_NUMBER, Vr.IS, 1);
    ds.putString(Tag.CONTENT_LABEL, Vr.CS, info.contentLabel());
    ds.putString(Tag.CONTENT_DESCRIPTION, Vr.LO, info.contentDescription());
    ds.putString(Tag.CONTENT_CREATOR_NAME, Vr.PN, info.contentCreator());
    ds.putInt(Tag.SAMPLES_PER_PIXEL, Vr.US, 1);
    ds.putString(Tag.PHOTOMETRIC_INTERPRETATION, Vr.CS, "MONOCHROME2");
    ds.putInt(Tag.ROWS, Vr.US, source.dims()[1]);
    ds.putInt(Tag.COLUMNS, Vr.US, source.dims()[0]);
    ds.putInt(Tag.PIXEL_REPRESENTATION, Vr.US, 0);
    ds.putString(Tag.LOSSY_IMAGE_COMPRESSION, Vr.CS, "00");
    ds.putString(Tag.SEGMENTATION_TYPE, Vr.CS, binary ? "BINARY" : "LABELMAP");
    ds.putString(Tag.SEGMENTS_OVERLAP, Vr.CS, "NO");
  }

  private static void dimensions(DicomDataset ds, String seriesUid, boolean binary) {
    String organization = Uids.fromName("ctpipe-seg-dimensions", seriesUid);
    DicomDataset org = new DicomDataset();
    org.putString(Tag.DIMENSION_ORGANIZATION_UID, Vr.UI, organization);
    ds.putSequence(Tag.DIMENSION_ORGANIZATION_SEQUENCE, List.of(org));
    List<DicomDataset> index = new ArrayList<>();
    if (binary) {
      index.add(dimension(organization, Tag.REFERENCED_SEGMENT_NUMBER, Tag.SEGMENT_IDENTIFICATION_SEQUENCE,
          "Segment Number"));
    }
    index.add(dimension(organization, Tag.IMAGE_POSITION_PATIENT, Tag.PLANE_POSITION_SEQUENCE,
        "Image Position Patient"));
    ds.putSequence(Tag.DIMENSION_INDEX_SEQUENCE, index);
  }

  private static DicomDataset dimension(String organization, int pointer, int group, String label) {
    DicomDataset item = new DicomDataset();
    item.putString(Tag.DIMENSION_ORGANIZATION_UID, Vr.UI, organization);
    item.putInts(Tag.DIMENSION_INDEX_POINTER, Vr.AT, attributeTag(pointer));
    item.putInts(Tag.FUNCTIONAL_GROUP_POINTER, Vr.AT, attributeTag(group));
    item.putString(Tag.DIMENSION_DESCRIPTION_LABEL, Vr.LO, label);
    return item;
  }

  /** An AT value is two 16-bit words, group then element; as one little-endian 32-bit int: element << 16 | group. */
  private static int attributeTag(int tag) {
    return (tag & 0xFFFF) << 16 | (tag >>> 16);
  }

  private static void sharedGroups(DicomDataset ds, CtVolume source) {
    double[] d = source.direction();
    DicomDataset orientation = new DicomDataset();
    orientation.putDecimals(Tag.IMAGE_ORIENTATION_PATIENT, d[0], d[1], d[2], d[3], d[4], d[5]);
    DicomDataset measures = new DicomDataset();
    measures.putDecimals(Tag.PIXEL_SPACING, source.spacing()[1], source.spacing()[0]);
    measures.putDecimals(Tag.SLICE_THICKNESS, source.spacing()[2]);
    boolean regular = !source.report().has(GeometryFlag.Code.NON_UNIFORM_SPACING)
        && !source.report().has(GeometryFlag.Code.MISSING_SLICES);
    if (regular && source.dims()[2] > 1) {
      measures.putDecimals(Tag.SPACING_BETWEEN_SLICES, source.spacing()[2]);
    }
    DicomDataset shared = new DicomDataset();
    shared.putSequence(Tag.PLANE_ORIENTATION_SEQUENCE, List.of(orientation));
    shared.putSequence(Tag.PIXEL_MEASURES_SEQUENCE, List.of(measures));
    ds.putSequence(Tag.SHARED_FUNCTIONAL_GROUPS_SEQUENCE, List.of(shared));
  }

  private static void referencedSeries(DicomDataset ds, CtVolume source) {
    Map<String, String> instances = new LinkedHashMap<>();
    source.slices().stream().sorted(Comparator.comparing(SliceHeader::sopInstanceUid))
        .forEach(s -> instances.putIfAbsent(s.sopInstanceUid(), s.sopClassUid()));
    List<DicomDataset> items = new ArrayList<>();
    for (Map.Entry<String, String> e : instances.entrySet()) {
      DicomDataset item = new DicomDataset();
      item.putString(Tag.REFERENCED_SOP_CLASS_UID, Vr.UI, e.getValue());
      item.putString(Tag.REFERENCED_SOP_INSTANCE_UID, Vr.UI, e.getKey());
      items.add(item);
    }
    DicomDataset series = new DicomDataset();
    series.putString(Tag.SERIES_INSTANCE_UID, Vr.UI, source.seriesInstanceUid());
    series.putSequence(Tag.REFERENCED_INSTANCE_SEQUENCE, items);
    ds.putSequence(Tag.REFERENCED_SERIES_SEQUENCE, List.of(series));
  }

  private static String dims(int[] d) {
    return d[0] + "x" + d[1] + "x" + d[2];
  }
}
