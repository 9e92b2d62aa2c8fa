package io.ctpipe.dicom.labelmap;

/**
 * Integer labels on a grid read from a NIfTI or NRRD file, with the grid's voxel-to-patient transform in LPS
 * (row-major 3×4: world = affine · [i, j, k, 1]).
 */
public record LabelVolume(int[] dims, int[] labels, double[] affine) {
  public LabelVolume {
    if (dims.length != 3 || (long) dims[0] * dims[1] * dims[2] != labels.length || affine.length != 12) {
      throw new IllegalArgumentException("inconsistent label volume");
    }
  }

  public int label(int i, int j, int k) {
    return labels[i + dims[0] * (j + dims[1] * k)];
  }
}
