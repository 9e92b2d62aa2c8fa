package io.ctpipe.models.bpr;

import io.ctpipe.dicom.volume.HuVolume;

/**
 * How a volume's voxel axes map onto body part regression's array: slices along the voxel axis closest to the
 * patient's head–feet axis, ordered feet → head; within a slice, rows along the axis closest to patient
 * left–right and columns along the remaining one, each kept in its stored direction unless the whole array is
 * reversed. For an axial series this is bpreg's layout for SimpleITK-converted data (the DICOM image transposed,
 * rotated by 180° when the slices had to be reversed). Unlike bpreg, the flip test reads the head–feet component
 * of the axis that actually maps to head–feet, so non-axial volumes are oriented correctly too.
 */
public record BprAxes(int rowAxis, int columnAxis, int sliceAxis, boolean reversed, int[] dims, double[] spacing) {
  private static final int X = 0;
  private static final int Z = 2;

  public static BprAxes of(HuVolume volume) {
    double[] d = volume.direction();
    int slice = 0;
    for (int a = 1; a < 3; a++) {
      if (Math.abs(d[3 * a + Z]) > Math.abs(d[3 * slice + Z])) {
        slice = a;
      }
    }
    int first = slice == 0 ? 1 : 0;
    int second = 3 - slice - first;
    boolean firstIsRow = Math.abs(d[3 * first + X]) >= Math.abs(d[3 * second + X]);
    int row = firstIsRow ? first : second;
    int column = firstIsRow ? second : first;
    return new BprAxes(row, column, slice, d[3 * slice + Z] < 0, volume.dims().clone(), volume.spacing().clone());
  }

  public int rows() {
    return dims[rowAxis];
  }

  public int columns() {
    return dims[columnAxis];
  }

  public int slices() {
    return dims[sliceAxis];
  }

  public double rowSpacing() {
    return spacing[rowAxis];
  }

  public double columnSpacing() {
    return spacing[columnAxis];
  }

  public double sliceSpacing() {
    return spacing[sliceAxis];
  }

  /** The volume's slice index (along its slice axis) of BPR slice {@code s}. */
  public int volumeSlice(int s) {
    return reversed ? slices() - 1 - s : s;
  }

  /** Flat voxel index in the volume of BPR element (row 0, column 0, slice s). */
  public int sliceOrigin(int s) {
    int origin = volumeSlice(s) * stride(sliceAxis);
    return reversed ? origin + (rows() - 1) * stride(rowAxis) + (columns() - 1) * stride(columnAxis) : origin;
  }

  /** Flat index step from one BPR row to the next. */
  public int rowStride() {
    return reversed ? -stride(rowAxis) : stride(rowAxis);
  }

  /** Flat index step from one BPR column to the next. */
  public int columnStride() {
    return reversed ? -stride(columnAxis) : stride(columnAxis);
  }

  private int stride(int axis) {
    return axis == 0 ? 1 : axis == 1 ? dims[0] : dims[0] * dims[1];
  }
}
