package io.ctpipe.models.qa;

import io.ctpipe.dicom.volume.HuVolume;

/**
 * A regular voxel grid in patient coordinates: voxel (x, y, z) lies at
 * {@code origin + x·sx·axis0 + y·sy·axis1 + z·sz·axis2} (LPS mm), with the axes the rows of {@code direction}.
 */
public record VoxelGrid(int[] dims, double[] spacing, double[] origin, double[] direction) {
  /** The CT's grid; a DICOM series with irregular slices is taken at its median spacing (flagged by geometry QA). */
  public static VoxelGrid of(HuVolume ct) {
    return new VoxelGrid(ct.dims().clone(), ct.spacing().clone(), ct.origin().clone(), ct.direction().clone());
  }

  /** LPS position (mm) of a point given in (fractional) voxel indices. */
  public double[] position(double x, double y, double z) {
    double[] p = origin.clone();
    double[] steps = {x * spacing[0], y * spacing[1], z * spacing[2]};
    for (int axis = 0; axis < 3; axis++) {
      for (int c = 0; c < 3; c++) {
        p[c] += steps[axis] * direction[3 * axis + c];
      }
    }
    return p;
  }

  /** Volume of one voxel in millilitres. */
  public double voxelMl() {
    return spacing[0] * spacing[1] * spacing[2] / 1000.0;
  }

  /** The voxel axis closest to the patient's superior-inferior axis (LPS z). */
  public int superiorInferiorAxis() {
    int best = 0;
    for (int axis = 1; axis < 3; axis++) {
      if (Math.abs(direction[3 * axis + 2]) > Math.abs(direction[3 * best + 2])) {
        best = axis;
      }
    }
    return best;
  }

  /** Whether the last index along {@link #superiorInferiorAxis()} is the superior end of the scan. */
  public boolean superiorAtLastIndex() {
    return direction[3 * superiorInferiorAxis() + 2] > 0;
  }
}
