package io.ctpipe.models.tiling;

/**
 * The weight of each voxel of a window (MONAI's compute_importance_map): all ones for CONSTANT; for GAUSSIAN the
 * outer product of 1-D gaussians with σ = sigmaScale·R centred at (R − 1)/2, every weight raised to at least
 * max(smallest weight, 0.001).
 */
public final class ImportanceMap {
  static final float MIN_WEIGHT = 0.001f;

  private ImportanceMap() {}

  /** Weights in window order (last axis fastest). */
  public static float[] of(int[] roi, BlendMode mode, double sigmaScale) {
    int n = roi[0] * roi[1] * roi[2];
    float[] map = new float[n];
    if (mode == BlendMode.CONSTANT) {
      java.util.Arrays.fill(map, 1f);
      return map;
    }
    float[][] g = new float[3][];
    for (int a = 0; a < 3; a++) {
      g[a] = gaussian(roi[a], sigmaScale * roi[a]);
    }
    float min = Float.MAX_VALUE;
    int i = 0;
    for (int x = 0; x < roi[0]; x++) {
      for (int y = 0; y < roi[1]; y++) {
        float gxy = g[0][x] * g[1][y];
        for (int z = 0; z < roi[2]; z++, i++) {
          map[i] = gxy * g[2][z];
          min = Math.min(min, map[i]);
        }
      }
    }
    float floor = Math.max(min, MIN_WEIGHT);
    for (int j = 0; j < n; j++) {
      if (map[j] < floor) {
        map[j] = floor;
      }
    }
    return map;
  }

  static float[] gaussian(int length, double sigma) {
    float[] g = new float[length];
    double centre = (length - 1) / 2.0;
    for (int i = 0; i < length; i++) {
      double u = i - centre;
      g[i] = (float) Math.exp(-u * u / (2 * sigma * sigma));
    }
    return g;
  }
}
