package io.ctpipe.models.preprocess;

import io.ctpipe.dicom.volume.HuVolume;
import io.ctpipe.models.card.ModelCard;

/**
 * Turns a CT into model input: axes permuted and flipped to the card's orientation, cropped to the foreground (HU
 * above a threshold plus a margin), resampled with trilinear interpolation to the card's spacing (an axis within
 * the card's tolerance keeps its spacing), intensity-transformed. The grid starts at the first voxel centre and has
 * ⌊(n − 1)·s/t⌋ + 1 samples per axis, so it stays inside the CT.
 */
public final class Preprocessor {
  /** Model input in model order (axis 2 fastest) and where it sits in the CT. */
  public record Prepared(float[] values, ModelGrid grid) {}

  private Preprocessor() {}

  public static Prepared prepare(HuVolume ct, ModelCard card) {
    int[] ctAxis = new int[3];
    boolean[] flip = new boolean[3];
    axes(ct.direction(), card.orientation(), ctAxis, flip);
    int[][] box = cropBox(ct, card.cropThresholdHu(), card.cropMargin());
    ModelGrid grid = grid(ctAxis, flip, box, ct.spacing(), card);
    return new Prepared(sample(ct, grid, card), grid);
  }

  /**
   * The model grid's size for a whole CT of this shape, before any pixel is known (the foreground crop can only make
   * it smaller): what the model input, its accumulation and its labels will hold at most.
   */
  public static int[] largestGridSize(int[] dims, double[] spacing, double[] direction, ModelCard card) {
    int[] ctAxis = new int[3];
    boolean[] flip = new boolean[3];
    axes(direction, card.orientation(), ctAxis, flip);
    int[][] box = {{0, 0, 0}, {dims[0] - 1, dims[1] - 1, dims[2] - 1}};
    return grid(ctAxis, flip, box, spacing, card).size();
  }

  private static ModelGrid grid(int[] ctAxis, boolean[] flip, int[][] box, double[] ctSpacing, ModelCard card) {
    double[] step = new double[3];
    int[] size = new int[3];
    for (int m = 0; m < 3; m++) {
      int p = ctAxis[m];
      double spacing = ctSpacing[p];
      double target = card.spacing()[m];
      double[] tolerance = card.spacingTolerance();
      boolean keep = tolerance != null ? spacing >= tolerance[0] * target && spacing <= tolerance[1] * target
          : Math.abs(spacing - target) < 1e-6 * target;
      step[m] = keep ? 1.0 : target / spacing;
      int extent = box[1][p] - box[0][p];
      size[m] = (int) Math.floor(extent / step[m] + 1e-9) + 1;
    }
    return new ModelGrid(ctAxis, flip, box[0], box[1], step, size);
  }

  /** Chooses, for each model axis, the CT axis best aligned with it and whether it runs the other way. */
  static void axes(double[] direction, String orientation, int[] ctAxis, boolean[] flip) {
    double sign = orientation.equals("RAS") ? -1 : 1;
    double[][] targets = {{sign, 0, 0}, {0, sign, 0}, {0, 0, 1}};
    boolean[] used = new boolean[3];
    for (int m = 0; m < 3; m++) {
      int best = -1;
      double bestDot = 0;
      for (int p = 0; p < 3; p++) {
        double dot = direction[3 * p] * targets[m][0] + direction[3 * p + 1] * targets[m][1]
            + direction[3 * p + 2] * targets[m][2];
        if (!used[p] && Math.abs(dot) > Math.abs(bestDot)) {
          best = p;
          bestDot = dot;
        }
      }
      if (best < 0) {
        throw new IllegalArgumentException("cannot align the CT axes with the model's " + orientation + " axes");
      }
      used[best] = true;
      ctAxis[m] = best;
      flip[m] = bestDot < 0;
    }
  }

  /** [lo, hi] inclusive CT index box of voxels above the threshold, grown by the margin; the whole CT without crop. */
  static int[][] cropBox(HuVolume ct, double thresholdHu, int margin) {
    int[] d = ct.dims();
    int[] lo = {0, 0, 0};
    int[] hi = {d[0] - 1, d[1] - 1, d[2] - 1};
    if (Double.isNaN(thresholdHu)) {
      return new int[][] {lo, hi};
    }
    int[] min = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
    int[] max = {-1, -1, -1};
    int i = 0;
    for (int z = 0; z < d[2]; z++) {
      for (int y = 0; y < d[1]; y++) {
        for (int x = 0; x < d[0]; x++, i++) {
          if (ct.hu(i) > thresholdHu) {
            min[0] = Math.min(min[0], x);
            max[0] = Math.max(max[0], x);
            min[1] = Math.min(min[1], y);
            max[1] = Math.max(max[1], y);
            min[2] = Math.min(min[2], z);
            max[2] = Math.max(max[2], z);
          }
        }
      }
    }
    if (max[0] < 0) {
      return new int[][] {lo, hi};
    }
    for (int a = 0; a < 3; a++) {
      lo[a] = Math.max(0, min[a] - margin);
      hi[a] = Math.min(d[a] - 1, max[a] + margin);
    }
    return new int[][] {lo, hi};
  }

  private static float[] sample(HuVolume ct, ModelGrid grid, ModelCard card) {
    int[] size = grid.size();
    float[] out = new float[grid.voxels()];
    double[] c = new double[3];
    int i = 0;
    for (int u0 = 0; u0 < size[0]; u0++) {
      c[grid.ctAxis()[0]] = grid.ctIndex(0, u0);
      for (int u1 = 0; u1 < size[1]; u1++) {
        c[grid.ctAxis()[1]] = grid.ctIndex(1, u1);
        for (int u2 = 0; u2 < size[2]; u2++, i++) {
          c[grid.ctAxis()[2]] = grid.ctIndex(2, u2);
          out[i] = card.intensity().apply(trilinear(ct, c));
        }
      }
    }
    return out;
  }

  /** Trilinear interpolation at a continuous CT index, clamped to the CT (border mode). */
  static float trilinear(HuVolume ct, double[] c) {
    int[] d = ct.dims();
    int[] i0 = new int[3];
    double[] f = new double[3];
    for (int a = 0; a < 3; a++) {
      double v = Math.max(0, Math.min(d[a] - 1, c[a]));
      i0[a] = Math.min(d[a] - 2 < 0 ? 0 : d[a] - 2, (int) Math.floor(v));
      f[a] = d[a] == 1 ? 0 : v - i0[a];
    }
    double sum = 0;
    for (int corner = 0; corner < 8; corner++) {
      int x = i0[0] + (corner & 1);
      int y = i0[1] + ((corner >> 1) & 1);
      int z = i0[2] + ((corner >> 2) & 1);
      double w = ((corner & 1) == 1 ? f[0] : 1 - f[0]) * (((corner >> 1) & 1) == 1 ? f[1] : 1 - f[1])
          * (((corner >> 2) & 1) == 1 ? f[2] : 1 - f[2]);
      if (w != 0) {
        sum += w * ct.hu(x + d[0] * (Math.min(y, d[1] - 1) + d[1] * Math.min(z, d[2] - 1)));
      }
    }
    return (float) sum;
  }
}
