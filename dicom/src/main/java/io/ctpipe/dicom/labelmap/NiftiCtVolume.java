package io.ctpipe.dicom.labelmap;

import io.ctpipe.dicom.DicomFormatException;
import io.ctpipe.dicom.volume.HuVolume;

/** A CT read from NIfTI, as a {@link HuVolume}: the affine's columns give spacing and direction. */
public record NiftiCtVolume(int[] dims, float[] voxels, double[] spacing, double[] origin, double[] direction)
    implements HuVolume {

  static NiftiCtVolume of(int[] dims, float[] voxels, double[] affine, String source) throws DicomFormatException {
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
    return new NiftiCtVolume(dims, voxels, spacing, new double[] {affine[3], affine[7], affine[11]}, direction);
  }

  @Override
  public float hu(int index) {
    return voxels[index];
  }
}
