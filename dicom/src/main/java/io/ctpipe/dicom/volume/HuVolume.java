package io.ctpipe.dicom.volume;

/**
 * A CT volume in HU on a regular grid: voxel (x, y, z) at {@code origin + x·sx·row + y·sy·column + z·sz·normal},
 * flat index {@code x + nx * (y + ny * z)}. Implemented by {@link CtVolume} (DICOM) and by NIfTI CT images.
 */
public interface HuVolume {
  /** Columns, rows, slices. */
  int[] dims();

  /** Spacing along x, y, z in mm. */
  double[] spacing();

  /** Position of voxel (0, 0, 0), LPS mm. */
  double[] origin();

  /** Row cosine, column cosine, slice normal (9 numbers, LPS). */
  double[] direction();

  /** HU at a flat index. */
  float hu(int index);

  /** Position of voxel (0, 0, z), LPS mm: on the regular grid unless the volume knows each slice's own position. */
  default double[] slicePosition(int z) {
    double[] o = origin();
    double[] d = direction();
    double step = z * spacing()[2];
    return new double[] {o[0] + step * d[6], o[1] + step * d[7], o[2] + step * d[8]};
  }
}
