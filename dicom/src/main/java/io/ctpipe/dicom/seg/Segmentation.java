package io.ctpipe.dicom.seg;

import io.ctpipe.dicom.DicomFormatException;
import io.ctpipe.dicom.volume.CtVolume;
import io.ctpipe.dicom.volume.LabelMap;
import io.ctpipe.dicom.volume.SliceHeader;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A DICOM Segmentation read by {@link SegReader}: its segments, frames, and frame pixels on demand. */
public final class Segmentation {
  /** Decodes one frame's pixel values. */
  interface FramePixels {
    int[] values(int frame) throws DicomFormatException;
  }

  private final String sopClassUid;
  private final SegmentationType type;
  private final int rows;
  private final int columns;
  private final String referencedSeriesInstanceUid;
  private final List<SegmentInfo> segments;
  private final List<SegFrame> frames;
  private final FramePixels pixels;
  private final List<String> warnings;

  Segmentation(String sopClassUid, SegmentationType type, int rows, int columns,
      String referencedSeriesInstanceUid, List<SegmentInfo> segments, List<SegFrame> frames, FramePixels pixels,
      List<String> warnings) {
    this.sopClassUid = sopClassUid;
    this.type = type;
    this.rows = rows;
    this.columns = columns;
    this.referencedSeriesInstanceUid = referencedSeriesInstanceUid;
    this.segments = List.copyOf(segments);
    this.frames = List.copyOf(frames);
    this.pixels = pixels;
    this.warnings = List.copyOf(warnings);
  }

  /** What the reader found odd but read anyway (a missing or wrong Number of Frames, surplus pixel frames). */
  public List<String> warnings() {
    return warnings;
  }

  public String sopClassUid() {
    return sopClassUid;
  }

  public SegmentationType type() {
    return type;
  }

  public int rows() {
    return rows;
  }

  public int columns() {
    return columns;
  }

  public String referencedSeriesInstanceUid() {
    return referencedSeriesInstanceUid;
  }

  public List<SegmentInfo> segments() {
    return segments;
  }

  public List<SegFrame> frames() {
    return frames;
  }

  /**
   * Pixel values of one frame, row-major: 0/1 for BINARY, 0..MaximumFractionalValue for FRACTIONAL, segment
   * numbers for LABELMAP.
   */
  public int[] frameValues(int frame) throws DicomFormatException {
    return pixels.values(frame);
  }

  /**
   * Set pixels per segment number over all frames: non-zero pixels of the segment's frames, or for LABELMAP the
   * pixels equal to the number (so a Background segment 0 counts the zeros).
   */
  public Map<Integer, Long> voxelCounts() throws DicomFormatException {
    Map<Integer, Long> counts = new LinkedHashMap<>();
    segments.forEach(s -> counts.put(s.number(), 0L));
    for (int f = 0; f < frames.size(); f++) {
      int[] values = frameValues(f);
      int segment = frames.get(f).segmentNumber();
      for (int v : values) {
        if (type == SegmentationType.LABELMAP) {
          counts.computeIfPresent(v, (k, n) -> n + 1);
        } else if (v != 0) {
          counts.merge(segment, 1L, Long::sum);
        }
      }
    }
    return counts;
  }

  /**
   * The mask of one segment on a source volume's grid (index {@code x + nx * (y + ny * z)}). Frames are placed by
   * their referenced SOP Instance UID (and frame), or else by position along the volume's slice normal.
   */
  public boolean[] mask(int segmentNumber, CtVolume source) throws DicomFormatException {
    int nx = source.dims()[0];
    int ny = source.dims()[1];
    if (nx != columns || ny != rows) {
      throw new DicomFormatException("segmentation frames are " + columns + "x" + rows + " but the source grid is "
          + nx + "x" + ny);
    }
    Map<String, Integer> sliceOfInstance = new HashMap<>();
    List<SliceHeader> slices = source.slices();
    for (int z = 0; z < slices.size(); z++) {
      sliceOfInstance.put(slices.get(z).sopInstanceUid() + "#" + (slices.get(z).frame() + 1), z);
    }
    boolean[] mask = new boolean[nx * ny * slices.size()];
    for (int f = 0; f < frames.size(); f++) {
      SegFrame frame = frames.get(f);
      if (type != SegmentationType.LABELMAP && frame.segmentNumber() != segmentNumber) {
        continue;
      }
      int z = sliceOf(frame, sliceOfInstance, source);
      int[] values = frameValues(f);
      int base = z * nx * ny;
      for (int i = 0; i < values.length; i++) {
        boolean set = type == SegmentationType.LABELMAP ? values[i] == segmentNumber : values[i] != 0;
        if (set) {
          mask[base + i] = true;
        }
      }
    }
    return mask;
  }

  /** All segments as one label map of segment numbers, and how many voxels more than one segment claimed. */
  public record OnGrid(LabelMap labels, long overlappingVoxels) {}

  /**
   * The segments on a source volume's grid as segment numbers, one segment mask at a time; where segments overlap
   * (BINARY and FRACTIONAL allow it) the higher segment number is kept and the voxel counted as overlapping. A
   * FRACTIONAL segment holds every voxel with a fraction above 0.
   */
  public OnGrid onGrid(CtVolume source) throws DicomFormatException {
    LabelMap labels = LabelMap.empty(source.dims());
    long overlapping = 0;
    for (SegmentInfo segment : segments) {
      boolean[] mask = mask(segment.number(), source);
      for (int i = 0; i < mask.length; i++) {
        if (mask[i]) {
          overlapping += labels.label(i) != 0 ? 1 : 0;
          labels.set(i, segment.number());
        }
      }
    }
    return new OnGrid(labels, overlapping);
  }

  private static int sliceOf(SegFrame frame, Map<String, Integer> sliceOfInstance, CtVolume source)
      throws DicomFormatException {
    if (frame.referencedSopInstanceUid() != null) {
      Integer z = sliceOfInstance.get(frame.referencedSopInstanceUid() + "#" + Math.max(1, frame.referencedFrame()));
      if (z != null) {
        return z;
      }
    }
    if (frame.position() != null) {
      double[] d = source.direction();
      double along = frame.position()[0] * d[6] + frame.position()[1] * d[7] + frame.position()[2] * d[8];
      double[] positions = source.slicePositions();
      for (int z = 0; z < positions.length; z++) {
        if (Math.abs(positions[z] - along) < 0.01) {
          return z;
        }
      }
    }
    throw new DicomFormatException("a segmentation frame matches no slice of the source series (instance "
        + frame.referencedSopInstanceUid() + ")");
  }
}
