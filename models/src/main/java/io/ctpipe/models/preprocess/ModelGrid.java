package io.ctpipe.models.preprocess;

/**
 * How the model's input grid sits in the CT: model axis m runs along CT axis {@code ctAxis[m]}, reversed when
 * {@code flip[m]}, over the CT index range [lo, hi] (the foreground crop), one model voxel every {@code step[m]} CT
 * voxels; {@code size[m]} model voxels.
 */
public record ModelGrid(int[] ctAxis, boolean[] flip, int[] lo, int[] hi, double[] step, int[] size) {

  /** Continuous CT index along {@code ctAxis[m]} of model voxel index u on axis m. */
  double ctIndex(int m, double u) {
    int p = ctAxis[m];
    return flip[m] ? hi[p] - u * step[m] : lo[p] + u * step[m];
  }

  /** Nearest model voxel index on axis m for CT index c along {@code ctAxis[m]}, clamped to the grid. */
  int nearestModelIndex(int m, int c) {
    int p = ctAxis[m];
    double u = flip[m] ? (hi[p] - c) / step[m] : (c - lo[p]) / step[m];
    return (int) Math.max(0, Math.min(size[m] - 1, Math.round(u)));
  }

  public int voxels() {
    return size[0] * size[1] * size[2];
  }
}
