package io.ctpipe.dicom.volume;

import io.ctpipe.dicom.DicomFormatException;
import io.ctpipe.dicom.DicomReader;
import io.ctpipe.dicom.ReadBuffer;
import io.ctpipe.dicom.pixel.PixelData;
import io.ctpipe.dicom.pixel.PixelFormat;
import io.ctpipe.dicom.volume.GeometryFlag.Code;
import io.ctpipe.dicom.volume.SeriesRejectedException.Reason;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a scanned series into a {@link CtVolume}: drops localizers, keeps the main orientation and acquisition,
 * sorts slices along the normal, checks spacing, tilt and thickness, and decodes the pixels to HU.
 */
public final class VolumeAssembler {
  /** Positions closer than this along the normal are the same position (mm). */
  static final double SAME_POSITION_MM = 0.01;
  /** A gap larger than this many median spacings means missing slices. */
  static final double MISSING_GAP_FACTOR = 1.5;
  /** Angles between slice step and normal above this are a gantry tilt (degrees). */
  static final double TILT_DEGREES = 0.1;

  private final DicomReader reader;
  private final boolean allowNonCt;
  private final long maxVoxels;

  /**
   * @param allowNonCt assemble series whose Modality is not CT (flagged) instead of rejecting them
   * @param maxVoxels largest volume to allocate
   */
  public VolumeAssembler(DicomReader reader, boolean allowNonCt, long maxVoxels) {
    this.reader = reader;
    this.allowNonCt = allowNonCt;
    this.maxVoxels = Math.min(maxVoxels, Integer.MAX_VALUE - 16);
  }

  public VolumeAssembler(DicomReader reader) {
    this(reader, false, Integer.MAX_VALUE - 16);
  }

  /** The slices that form the volume, sorted along the normal, and the findings so far. */
  record Layout(List<SliceHeader> slices, double[] normal, double[] positions, List<GeometryFlag> flags) {}

  /** The volume of the one image series in a file or below a folder; anything else is an error saying how many. */
  public CtVolume assembleOnlySeries(java.nio.file.Path path) throws IOException {
    return assemble(onlySeries(path));
  }

  /** The one image series in a file or below a folder, headers only; anything else is an error saying how many. */
  public CtSeries onlySeries(java.nio.file.Path path) throws IOException {
    SeriesScanner.Result scan = new SeriesScanner(reader).scan(path);
    List<CtSeries> found = scan.series();
    if (found.size() != 1) {
      throw new IOException(path + " holds " + found.size() + " image series; expected exactly one"
          + scan.skippedSummary());
    }
    return found.get(0);
  }

  /**
   * The size and orientation of the volume a series would assemble to, from its headers alone (no pixel decoded):
   * what a memory estimate needs before anything large is allocated.
   *
   * @param dims columns, rows, slices
   * @param spacing column, row and slice spacing in mm
   * @param direction row, column and slice direction cosines
   */
  public record Shape(int[] dims, double[] spacing, double[] direction) {
    public long voxels() {
      return (long) dims[0] * dims[1] * dims[2];
    }
  }

  /** The shape of a series' volume; the same checks as {@link #assemble} before any pixel is decoded. */
  public Shape shape(CtSeries series) throws SeriesRejectedException {
    return shape(layout(series));
  }

  private static Shape shape(Layout layout) {
    SliceHeader first = layout.slices().get(0);
    double[] o = first.orientation();
    double[] n = layout.normal();
    return new Shape(new int[] {first.columns(), first.rows(), layout.slices().size()},
        new double[] {first.pixelSpacing()[1], first.pixelSpacing()[0], sliceSpacing(layout.positions(), first)},
        new double[] {o[0], o[1], o[2], o[3], o[4], o[5], n[0], n[1], n[2]});
  }

  public CtVolume assemble(CtSeries series) throws IOException {
    Layout layout = layout(series);
    List<SliceHeader> slices = layout.slices();
    SliceHeader first = slices.get(0);
    Shape shape = shape(layout);
    int[] dims = shape.dims();
    long voxels = shape.voxels();
    if (voxels > maxVoxels) {
      throw new SeriesRejectedException(Reason.TOO_LARGE, dims[0] + "x" + dims[1] + "x" + dims[2] + " = " + voxels
          + " voxels exceeds the limit of " + maxVoxels);
    }
    HuWriter hu = new HuWriter((int) voxels, slices.stream()
        .allMatch(s -> isInteger(s.rescaleSlope()) && isInteger(s.rescaleIntercept())));
    decodeSlices(slices, dims[0] * dims[1], hu);
    List<GeometryFlag> flags = new ArrayList<>(series.identityFlags());
    flags.addAll(layout.flags());
    return new CtVolume(dims, shape.spacing(), first.position().clone(), shape.direction(), hu.int16(), hu.floats(),
        layout.positions(), List.copyOf(slices), series, new GeometryReport(flags));
  }

  /** Selects, sorts and checks the slices without decoding pixels. */
  Layout layout(CtSeries series) throws SeriesRejectedException {
    List<GeometryFlag> flags = new ArrayList<>();
    if (!"CT".equals(series.modality())) {
      flags.add(GeometryFlag.of(Code.NON_CT_MODALITY));
      if (!allowNonCt) {
        throw new SeriesRejectedException(Reason.NON_CT_MODALITY, "series modality is '" + series.modality()
            + "', not CT (allow other modalities explicitly to assemble it anyway)");
      }
    }
    List<SliceHeader> slices = withoutLocalizers(series.slices(), flags);
    checkGeometryPresent(slices);
    slices = mainOrientation(slices, flags);
    checkDimensions(slices);
    double[] normal = normal(slices.get(0).orientation());
    slices = new ArrayList<>(slices);
    slices.sort(Comparator.comparingDouble((SliceHeader s) -> Vectors.dot(s.position(), normal))
        .thenComparingInt(SliceHeader::instanceNumber).thenComparingInt(SliceHeader::frame));
    slices = mainAcquisition(slices, normal, flags);
    slices = withoutDuplicatePositions(slices, normal, flags);
    double[] positions = slices.stream().mapToDouble(s -> Vectors.dot(s.position(), normal)).toArray();
    checkSpacing(slices, positions, normal, flags);
    return new Layout(slices, normal, positions, flags);
  }

  private static List<SliceHeader> withoutLocalizers(List<SliceHeader> slices, List<GeometryFlag> flags)
      throws SeriesRejectedException {
    List<SliceHeader> kept = slices.stream().filter(s -> !s.isLocalizer()).toList();
    if (kept.size() < slices.size()) {
      flags.add(GeometryFlag.of(Code.LOCALIZERS_EXCLUDED, "count", slices.size() - kept.size()));
    }
    if (kept.isEmpty()) {
      throw new SeriesRejectedException(Reason.NO_IMAGES, "the series holds only localizer images");
    }
    return kept;
  }

  private static void checkGeometryPresent(List<SliceHeader> slices) throws SeriesRejectedException {
    for (SliceHeader s : slices) {
      String missing = s.position() == null ? "ImagePositionPatient"
          : s.orientation() == null ? "ImageOrientationPatient"
          : s.pixelSpacing() == null ? "PixelSpacing" : null;
      if (missing != null) {
        throw new SeriesRejectedException(Reason.MISSING_GEOMETRY, "instance " + s.sopInstanceUid() + " frame "
            + (s.frame() + 1) + " has no " + missing + ": it cannot be placed in a volume");
      }
      if (Vectors.norm(Vectors.cross(row(s.orientation()), column(s.orientation()))) < 0.5) {
        throw new SeriesRejectedException(Reason.MISSING_GEOMETRY, "instance " + s.sopInstanceUid()
            + " has degenerate ImageOrientationPatient " + Arrays.toString(s.orientation()));
      }
    }
  }

  private static List<SliceHeader> mainOrientation(List<SliceHeader> slices, List<GeometryFlag> flags) {
    Map<String, List<SliceHeader>> groups = new LinkedHashMap<>();
    for (SliceHeader s : slices) {
      StringBuilder key = new StringBuilder();
      for (double v : s.orientation()) {
        key.append(Math.round(v * 1000)).append(',');
      }
      groups.computeIfAbsent(key.toString(), k -> new ArrayList<>()).add(s);
    }
    if (groups.size() == 1) {
      return slices;
    }
    List<SliceHeader> largest = groups.values().stream().max(Comparator.comparingInt(List::size)).orElseThrow();
    flags.add(GeometryFlag.of(Code.MULTIPLE_ORIENTATIONS, "orientations", groups.size(), "kept", largest.size(),
        "dropped", slices.size() - largest.size()));
    return largest;
  }

  private static void checkDimensions(List<SliceHeader> slices) throws SeriesRejectedException {
    SliceHeader first = slices.get(0);
    for (SliceHeader s : slices) {
      if (s.rows() != first.rows() || s.columns() != first.columns()) {
        throw new SeriesRejectedException(Reason.INCONSISTENT_DIMENSIONS, "slices differ in size: "
            + first.columns() + "x" + first.rows() + " and " + s.columns() + "x" + s.rows());
      }
    }
  }

  private static List<SliceHeader> mainAcquisition(List<SliceHeader> sorted, double[] normal,
      List<GeometryFlag> flags) {
    if (countDuplicates(sorted, normal) == 0) {
      return sorted;
    }
    Map<Integer, List<SliceHeader>> byAcquisition = new LinkedHashMap<>();
    for (SliceHeader s : sorted) {
      byAcquisition.computeIfAbsent(s.acquisitionNumber(), k -> new ArrayList<>()).add(s);
    }
    if (byAcquisition.size() < 2) {
      return sorted;
    }
    List<SliceHeader> kept = byAcquisition.entrySet().stream()
        .max(Comparator.comparingInt((Map.Entry<Integer, List<SliceHeader>> e) -> e.getValue().size())
            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
        .orElseThrow().getValue();
    flags.add(GeometryFlag.of(Code.MULTIPLE_ACQUISITIONS, "acquisitions", byAcquisition.size(),
        "keptAcquisition", kept.get(0).acquisitionNumber(), "kept", kept.size()));
    return kept;
  }

  private static List<SliceHeader> withoutDuplicatePositions(List<SliceHeader> sorted, double[] normal,
      List<GeometryFlag> flags) {
    int duplicates = countDuplicates(sorted, normal);
    if (duplicates == 0) {
      return sorted;
    }
    List<SliceHeader> kept = new ArrayList<>();
    for (SliceHeader s : sorted) {
      if (kept.isEmpty() || Math.abs(Vectors.dot(s.position(), normal)
          - Vectors.dot(kept.get(kept.size() - 1).position(), normal)) >= SAME_POSITION_MM) {
        kept.add(s);
      }
    }
    flags.add(GeometryFlag.of(Code.DUPLICATE_POSITIONS, "dropped", duplicates));
    return kept;
  }

  private static int countDuplicates(List<SliceHeader> sorted, double[] normal) {
    int n = 0;
    for (int i = 1; i < sorted.size(); i++) {
      if (Math.abs(Vectors.dot(sorted.get(i).position(), normal)
          - Vectors.dot(sorted.get(i - 1).position(), normal)) < SAME_POSITION_MM) {
        n++;
      }
    }
    return n;
  }

  private static void checkSpacing(List<SliceHeader> slices, double[] positions, double[] normal,
      List<GeometryFlag> flags) {
    checkPixelSpacing(slices, flags);
    SliceHeader first = slices.get(0);
    if (slices.size() == 1) {
      flags.add(GeometryFlag.of(Code.SINGLE_SLICE));
      return;
    }
    double[] gaps = new double[positions.length - 1];
    for (int i = 0; i < gaps.length; i++) {
      gaps[i] = positions[i + 1] - positions[i];
    }
    double median = median(gaps);
    double min = Arrays.stream(gaps).min().orElseThrow();
    double max = Arrays.stream(gaps).max().orElseThrow();
    long missing = Arrays.stream(gaps).filter(g -> g > MISSING_GAP_FACTOR * median).count();
    if (missing > 0) {
      flags.add(GeometryFlag.of(Code.MISSING_SLICES, "gaps", missing, "maxGapMm", max, "medianSpacingMm",
          median));
    }
    if (max - min > spacingTolerance(median)) {
      flags.add(GeometryFlag.of(Code.NON_UNIFORM_SPACING, "minMm", min, "maxMm", max));
    }
    double[] step = Vectors.subtract(slices.get(slices.size() - 1).position(), first.position());
    double tilt = Vectors.angleDegrees(step, normal);
    if (tilt > TILT_DEGREES) {
      flags.add(GeometryFlag.of(Code.GANTRY_TILT, "angleDeg", tilt));
    }
    double thickness = first.sliceThickness();
    if (!Double.isNaN(thickness) && Math.abs(thickness - median) > spacingTolerance(median)) {
      flags.add(GeometryFlag.of(Code.SLICE_THICKNESS_MISMATCH, "thicknessMm", thickness, "spacingMm", median));
    }
  }

  private static void checkPixelSpacing(List<SliceHeader> slices, List<GeometryFlag> flags) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (SliceHeader s : slices) {
      for (double v : s.pixelSpacing()) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    double[] ps = slices.get(0).pixelSpacing();
    boolean varies = slices.stream().anyMatch(s -> Math.abs(s.pixelSpacing()[0] - ps[0]) > 1e-4
        || Math.abs(s.pixelSpacing()[1] - ps[1]) > 1e-4);
    if (varies) {
      flags.add(GeometryFlag.of(Code.INCONSISTENT_PIXEL_SPACING, "minMm", min, "maxMm", max));
    }
  }

  private static double spacingTolerance(double spacing) {
    return Math.max(SAME_POSITION_MM, 0.01 * Math.abs(spacing));
  }

  private static double sliceSpacing(double[] positions, SliceHeader first) {
    if (positions.length < 2) {
      return Double.isNaN(first.sliceThickness()) || first.sliceThickness() <= 0 ? 1.0 : first.sliceThickness();
    }
    double[] gaps = new double[positions.length - 1];
    for (int i = 0; i < gaps.length; i++) {
      gaps[i] = positions[i + 1] - positions[i];
    }
    return median(gaps);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private void decodeSlices(List<SliceHeader> slices, int sliceVoxels, HuWriter hu) throws IOException {
    String loadedSource = null;
    PixelData pixels = null;
    ReadBuffer buffer = new ReadBuffer();
    short[] stored = new short[sliceVoxels];
    for (int z = 0; z < slices.size(); z++) {
      SliceHeader s = slices.get(z);
      if (!s.source().equals(loadedSource)) {
        try {
          pixels = PixelData.of(reader.read(Path.of(s.source()), buffer));
        } catch (DicomFormatException e) {
          throw new UnreadableSliceException(s.source(), e.getMessage(), e);
        }
        loadedSource = s.source();
      }
      PixelFormat format = pixels.format();
      if (format.pixelsPerFrame() != sliceVoxels) {
        throw new SeriesRejectedException(Reason.INCONSISTENT_DIMENSIONS, s.source() + " holds "
            + format.columns() + "x" + format.rows() + " pixels, unlike its series");
      }
      try {
        pixels.decodeFrame(s.frame(), stored);
      } catch (DicomFormatException e) {
        throw new UnreadableSliceException(s.source(), s.source() + ": " + e.getMessage(), e);
      }
      hu.writeSlice(z, stored, format, s.rescaleSlope(), s.rescaleIntercept());
    }
  }

  private static boolean isInteger(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1 << 20;
  }

  static double[] row(double[] orientation) {
    return new double[] {orientation[0], orientation[1], orientation[2]};
  }

  static double[] column(double[] orientation) {
    return new double[] {orientation[3], orientation[4], orientation[5]};
  }

  static double[] normal(double[] orientation) {
    double[] n = Vectors.normalize(Vectors.cross(row(orientation), column(orientation)));
    for (int i = 0; i < 3; i++) {
      n[i] += 0.0; // turns -0.0 into 0.0
    }
    return n;
  }
}
