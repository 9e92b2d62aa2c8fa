package io.ctpipe.dicom.volume;

import io.ctpipe.dicom.DicomDataset;
import java.util.List;

/**
 * A CT volume in Hounsfield units on its DICOM grid. Voxel (x, y, z) is column x, row y of the z-th slice in
 * order along the slice normal; its index is {@code x + nx * (y + ny * z)}. Voxels are held as int16 when the
 * rescale is exact in integers and fits, else as float32.
 *
 * @param dims columns, rows, slices
 * @param spacing column spacing, row spacing, slice spacing (median distance between slices along the normal), mm
 * @param origin position of voxel (0, 0, 0), LPS mm
 * @param direction row cosine, column cosine, slice normal (9 numbers, LPS)
 * @param slicePositions each slice's position along the normal, mm (may be irregular: see the report)
 * @param slices each slice's header (SOP Class and Instance UID, frame, position), in volume order
 * @param series the series this volume was assembled from (UIDs, reference header for copying attributes)
 */
public record CtVolume(int[] dims, double[] spacing, double[] origin, double[] direction, short[] int16Voxels,
    float[] floatVoxels, double[] slicePositions, List<SliceHeader> slices, CtSeries series,
    GeometryReport report) implements HuVolume {

  public long voxelCount() {
    return (long) dims[0] * dims[1] * dims[2];
  }

  /** Each slice's SOP Instance UID, in volume order. */
  public List<String> sopInstanceUids() {
    return slices.stream().map(SliceHeader::sopInstanceUid).toList();
  }

  /** The z-th slice's own Image Position (Patient), which may be off the regular grid. */
  @Override
  public double[] slicePosition(int z) {
    return slices.get(z).position();
  }

  public boolean isInt16() {
    return int16Voxels != null;
  }

  /** HU at a flat voxel index. */
  @Override
  public float hu(int index) {
    return int16Voxels != null ? int16Voxels[index] : floatVoxels[index];
  }

  public String seriesInstanceUid() {
    return series.seriesInstanceUid();
  }

  public String studyInstanceUid() {
    return series.studyInstanceUid();
  }

  /** The first instance's header: patient, study, series, frame of reference and equipment attributes. */
  public DicomDataset referenceHeader() {
    return series.referenceHeader();
  }

  /** Minimum, maximum and mean HU over all voxels. */
  public double[] huStatistics() {
    int n = (int) voxelCount();
    if (int16Voxels != null) {
      long isum = 0;
      int imin = Integer.MAX_VALUE;
      int imax = Integer.MIN_VALUE;
      for (short v : int16Voxels) {
        imin = Math.min(imin, v);
        imax = Math.max(imax, v);
        isum += v;
      }
      return new double[] {imin, imax, (double) isum / n};
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    for (float v : floatVoxels) {
      min = Math.min(min, v);
      max = Math.max(max, v);
      sum += v;
    }
    return new double[] {min, max, sum / n};
  }
}
