package io.ctpipe.dicom.labelmap;

import io.ctpipe.dicom.DicomFormatException;
import io.ctpipe.dicom.volume.HuVolume;

/**
 * A CT read from NIfTI, as a {@link HuVolume}: the affine's columns give spacing and direction. The header's
 * {@code pixdim} voxel sizes are kept too, because bpreg takes spacing from them: when they disagree with the
 * affine, {@link #pixdimDisagreement()} says so.
 */
public record NiftiCtVolume(int[] dims, float[] voxels, double[] spacing, double[] origin, double[] direction,
    double[] pixdim) implements HuVolume {
  private static final double TOLERANCE = 1e-4;

  /** A volume made in memory, whose pixdim is its spacing. */
  public NiftiCtVolume(int[] dims, float[] voxels, double[] spacing, double[] origin, double[] direction) {
    this(dims, voxels, spacing, origin, direction, spacing.clone());
  }

  static NiftiCtVolume of(int[] dims, float[] voxels, double[] affine, double[] pixdim, String source)
      throws DicomFormatException {
    double[] spacing = new double[3];
    double[] direction = new double[9];
    for (int col = 0; col < 3; col++) {
      double norm = Math.sqrt(affine[col] * affine[col] + affine[4 + col] * affine[4 + col]
          + affine[8 + col] * affine[8 + col]);
      if (norm == 0) {
        throw new DicomFormatException(source + ": NIfTI axis " + col + " has zero length");
      }
      spacing[col] = norm;
      for (int row = 0; row < 3; row++) {
        direction[3 * col + row] = affine[4 * row + col] / norm;
      }
    }
    return new NiftiCtVolume(dims, voxels, spacing, new double[] {affine[3], affine[7], affine[11]}, direction,
        pixdim.clone());
  }

  /**
   * A warning when pixdim differs from the affine's voxel sizes by more than 0.01 %: ctpipe follows the affine
   * (the geometry every other tool and the SEG use), bpreg would follow pixdim.
   */
  public java.util.Optional<String> pixdimDisagreement() {
    for (int i = 0; i < 3; i++) {
      if (Math.abs(Math.abs(pixdim[i]) - spacing[i]) > TOLERANCE * spacing[i]) {
        return java.util.Optional.of(String.format(java.util.Locale.ROOT, "NIfTI pixdim gives voxel sizes %s mm "
            + "but the affine gives %s mm; ctpipe uses the affine (bpreg would use pixdim, so its scores may "
            + "differ)", java.util.Arrays.toString(abs(pixdim)), java.util.Arrays.toString(spacing)));
      }
    }
    return java.util.Optional.empty();
  }

  private static double[] abs(double[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Math.abs(values[i]);
    }
    return out;
  }

  @Override
  public float hu(int index) {
    return voxels[index];
  }
}
