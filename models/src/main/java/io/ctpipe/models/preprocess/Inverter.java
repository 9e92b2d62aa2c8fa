package io.ctpipe.models.preprocess;

import io.ctpipe.dicom.volume.LabelMap;

/**
 * Puts model-grid labels back on the CT grid: nearest neighbour inside the crop box, background outside it, axes
 * and flips undone.
 */
public final class Inverter {
  private Inverter() {}

  public static LabelMap toCtGrid(short[] modelLabels, ModelGrid grid, int[] ctDims) {
    LabelMap out = LabelMap.empty(ctDims);
    int[] size = grid.size();
    int[] modelAxisOf = new int[3];
    for (int m = 0; m < 3; m++) {
      modelAxisOf[grid.ctAxis()[m]] = m;
    }
    int[] u = new int[3];
    int[] lo = grid.lo();
    int[] hi = grid.hi();
    for (int z = lo[2]; z <= hi[2]; z++) {
      u[modelAxisOf[2]] = grid.nearestModelIndex(modelAxisOf[2], z);
      for (int y = lo[1]; y <= hi[1]; y++) {
        u[modelAxisOf[1]] = grid.nearestModelIndex(modelAxisOf[1], y);
        int base = ctDims[0] * (y + ctDims[1] * z);
        for (int x = lo[0]; x <= hi[0]; x++) {
          u[modelAxisOf[0]] = grid.nearestModelIndex(modelAxisOf[0], x);
          out.set(base + x, modelLabels[(u[0] * size[1] + u[1]) * size[2] + u[2]]);
        }
      }
    }
    return out;
  }
}
