package io.ctpipe.models.qa;

import io.ctpipe.dicom.labelmap.NiftiCtVolume;
import io.ctpipe.dicom.volume.LabelMap;
import java.util.Arrays;
import java.util.Map;

/** Synthetic CTs and label maps: structures painted as boxes in patient LPS mm, on a grid of any orientation. */
final class Phantoms {
  static final double[] HEAD_FIRST_SUPINE = {1, 0, 0, 0, 1, 0, 0, 0, 1};

  private Phantoms() {}

  /** A structure: every voxel whose centre lies in [min, max] (LPS mm, inclusive) gets the label. */
  record Box(int label, double[] min, double[] max) {
    static Box of(int label, double x0, double x1, double y0, double y1, double z0, double z1) {
      return new Box(label, new double[] {x0, y0, z0}, new double[] {x1, y1, z1});
    }
  }

  /** A grid centred on the LPS origin with the given row, column and slice axes (9 numbers). */
  static NiftiCtVolume grid(int[] dims, double[] spacing, double[] direction) {
    double[] origin = new double[3];
    for (int axis = 0; axis < 3; axis++) {
      for (int c = 0; c < 3; c++) {
        origin[c] -= direction[3 * axis + c] * spacing[axis] * (dims[axis] - 1) / 2.0;
      }
    }
    float[] air = new float[dims[0] * dims[1] * dims[2]];
    Arrays.fill(air, -1000);
    return new NiftiCtVolume(dims, air, spacing, origin, direction);
  }

  /** The grid with HU 40 inside the LPS box (the body), −1000 outside. */
  static NiftiCtVolume withBody(NiftiCtVolume grid, Box body) {
    float[] hu = grid.voxels();
    forEachVoxel(grid, (index, p) -> hu[index] = inside(body, p) ? 40 : -1000);
    return grid;
  }

  static LabelMap paint(NiftiCtVolume grid, Box... boxes) {
    LabelMap map = LabelMap.empty(grid.dims());
    forEachVoxel(grid, (index, p) -> {
      for (Box b : boxes) {
        if (inside(b, p)) {
          map.set(index, b.label());
        }
      }
    });
    return map;
  }

  static QaReport judge(NiftiCtVolume ct, LabelMap map, Map<Integer, String> names) {
    return SegmentationQa.judge(ct, map, names);
  }

  static CheckOutcome outcome(QaReport report, String structure, FlagKind kind) {
    return report.segments().stream().filter(s -> s.segment().name().name().equals(structure)).findFirst()
        .orElseThrow().outcomes().stream().filter(o -> o.kind() == kind).findFirst().orElseThrow();
  }

  private interface VoxelVisitor {
    void visit(int index, double[] lps);
  }

  private static void forEachVoxel(NiftiCtVolume grid, VoxelVisitor visitor) {
    VoxelGrid g = VoxelGrid.of(grid);
    int[] d = grid.dims();
    int index = 0;
    for (int z = 0; z < d[2]; z++) {
      for (int y = 0; y < d[1]; y++) {
        for (int x = 0; x < d[0]; x++, index++) {
          visitor.visit(index, g.position(x, y, z));
        }
      }
    }
  }

  private static boolean inside(Box b, double[] p) {
    for (int c = 0; c < 3; c++) {
      if (p[c] < b.min()[c] - 1e-6 || p[c] > b.max()[c] + 1e-6) {
        return false;
      }
    }
    return true;
  }
}
