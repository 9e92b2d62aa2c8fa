package io.ctpipe.models.qa;

import io.ctpipe.dicom.volume.LabelMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Measures every label of a label map in one pass: voxel counts, centroid and box sums, and 26-connected components
 * by a union-find over provisional ids of which only two slices are held. Memory: two int slices, the union-find
 * (one entry per provisional id) and one accumulator per present label; no per-label volume.
 *
 * <p>26-connectivity because thin oblique structures (ribs, vessels, bowel walls) touch only at edges and corners on
 * CT grids of 1.5 to 3 mm; 6-connectivity would split them into pieces that are one structure.
 */
public final class StructureMeasurer {
  private StructureMeasurer() {}

  /** Facts per label value present (ascending). */
  public static Map<Integer, StructureFacts> measure(LabelMap labels, VoxelGrid grid) {
    int[] d = grid.dims();
    if (!Arrays.equals(d, labels.dims())) {
      throw new IllegalArgumentException("label map " + Arrays.toString(labels.dims()) + " is not on the CT grid "
          + Arrays.toString(d));
    }
    int nx = d[0];
    int ny = d[1];
    int plane = nx * ny;
    UnionFind components = new UnionFind();
    Accumulator[] perLabel = new Accumulator[65536];
    int[] previous = new int[plane];
    int[] current = new int[plane];
    int[] neighbours = new int[13];
    for (int z = 0; z < d[2]; z++) {
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++) {
          int i = x + nx * y;
          int label = labels.label(i + plane * z);
          if (label == 0) {
            current[i] = 0;
            continue;
          }
          int found = 0;
          found = collect(neighbours, found, current, labels, plane * z, x - 1, y, nx, ny, label);
          for (int dx = -1; dx <= 1; dx++) {
            found = collect(neighbours, found, current, labels, plane * z, x + dx, y - 1, nx, ny, label);
          }
          if (z > 0) {
            for (int dy = -1; dy <= 1; dy++) {
              for (int dx = -1; dx <= 1; dx++) {
                found = collect(neighbours, found, previous, labels, plane * (z - 1), x + dx, y + dy, nx, ny, label);
              }
            }
          }
          int id = found == 0 ? components.create(label) : neighbours[0];
          for (int n = 1; n < found; n++) {
            id = components.union(id, neighbours[n]);
          }
          current[i] = id;
          components.addVoxel(id);
          if (perLabel[label] == null) {
            perLabel[label] = new Accumulator();
          }
          perLabel[label].add(x, y, z);
        }
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return facts(perLabel, componentSizes(components), grid);
  }

  private static int collect(int[] out, int found, int[] ids, LabelMap labels, int sliceStart, int x, int y, int nx,
      int ny, int label) {
    if (x < 0 || y < 0 || x >= nx || y >= ny) {
      return found;
    }
    int i = x + nx * y;
    if (labels.label(sliceStart + i) != label) {
      return found;
    }
    out[found] = ids[i];
    return found + 1;
  }

  private static Map<Integer, List<Long>> componentSizes(UnionFind components) {
    long[] voxels = components.componentVoxels();
    Map<Integer, List<Long>> sizes = new TreeMap<>();
    for (int id = 1; id <= components.count(); id++) {
      if (voxels[id] > 0) {
        sizes.computeIfAbsent(components.label(id), l -> new ArrayList<>()).add(voxels[id]);
      }
    }
    return sizes;
  }

  private static Map<Integer, StructureFacts> facts(Accumulator[] perLabel, Map<Integer, List<Long>> sizes,
      VoxelGrid grid) {
    Map<Integer, StructureFacts> out = new TreeMap<>();
    int[] d = grid.dims();
    int si = grid.superiorInferiorAxis();
    boolean superiorLast = grid.superiorAtLastIndex();
    for (Map.Entry<Integer, List<Long>> e : sizes.entrySet()) {
      Accumulator a = perLabel[e.getKey()];
      long[] largest = e.getValue().stream().sorted((p, q) -> Long.compare(q, p))
          .limit(StructureFacts.KEPT_COMPONENTS).mapToLong(Long::longValue).toArray();
      double n = a.count;
      double[] centroid = grid.position(a.sum[0] / n, a.sum[1] / n, a.sum[2] / n);
      double[][] box = mmBox(grid, a.min, a.max);
      boolean atFirst = a.min[si] == 0;
      boolean atLast = a.max[si] == d[si] - 1;
      boolean fovEdge = false;
      for (int axis = 0; axis < 3; axis++) {
        if (axis != si) {
          fovEdge |= a.min[axis] == 0 || a.max[axis] == d[axis] - 1;
        }
      }
      out.put(e.getKey(), new StructureFacts(a.count, a.count * grid.voxelMl(), e.getValue().size(), largest,
          centroid, a.min.clone(), a.max.clone(), box[0], box[1], superiorLast ? atLast : atFirst,
          superiorLast ? atFirst : atLast, fovEdge));
    }
    return out;
  }

  /** The LPS bounding box of the eight corner voxel centres of a voxel box. */
  private static double[][] mmBox(VoxelGrid grid, int[] min, int[] max) {
    double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
    double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (int corner = 0; corner < 8; corner++) {
      double[] p = grid.position((corner & 1) == 0 ? min[0] : max[0], (corner & 2) == 0 ? min[1] : max[1],
          (corner & 4) == 0 ? min[2] : max[2]);
      for (int c = 0; c < 3; c++) {
        lo[c] = Math.min(lo[c], p[c]);
        hi[c] = Math.max(hi[c], p[c]);
      }
    }
    return new double[][] {lo, hi};
  }

  /** Count, index sums and index box of one label. */
  private static final class Accumulator {
    long count;
    final double[] sum = new double[3];
    final int[] min = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
    final int[] max = {-1, -1, -1};

    void add(int x, int y, int z) {
      count++;
      include(0, x);
      include(1, y);
      include(2, z);
    }

    private void include(int axis, int index) {
      sum[axis] += index;
      min[axis] = Math.min(min[axis], index);
      max[axis] = Math.max(max[axis], index);
    }
  }
}
