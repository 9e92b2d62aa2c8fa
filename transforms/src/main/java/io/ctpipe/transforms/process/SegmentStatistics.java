package io.ctpipe.transforms.process;

import io.ctpipe.dicom.volume.HuVolume;
import io.ctpipe.dicom.volume.LabelMap;
import java.util.ArrayList;
import java.util.List;

/** Per-label voxel count, volume, HU mean and standard deviation, and bounding box, in one pass over the volume. */
public record SegmentStatistics(int label, long voxels, double millilitres, double meanHu, double stdHu, int[] min,
    int[] max) {

  public static List<SegmentStatistics> of(HuVolume ct, LabelMap labels) {
    int[] d = ct.dims();
    int size = 0;
    for (int l : labels.presentLabels()) {
      size = Math.max(size, l + 1);
    }
    long[] count = new long[size];
    double[] sum = new double[size];
    double[] sumSquares = new double[size];
    int[][] min = new int[size][];
    int[][] max = new int[size][];
    int index = 0;
    for (int z = 0; z < d[2]; z++) {
      for (int y = 0; y < d[1]; y++) {
        for (int x = 0; x < d[0]; x++, index++) {
          int l = labels.label(index);
          if (l == 0) {
            continue;
          }
          double hu = ct.hu(index);
          count[l]++;
          sum[l] += hu;
          sumSquares[l] += hu * hu;
          if (min[l] == null) {
            min[l] = new int[] {x, y, z};
            max[l] = new int[] {x, y, z};
          }
          min[l][0] = Math.min(min[l][0], x);
          min[l][1] = Math.min(min[l][1], y);
          max[l][0] = Math.max(max[l][0], x);
          max[l][1] = Math.max(max[l][1], y);
          max[l][2] = z;
        }
      }
    }
    double voxelMl = ct.spacing()[0] * ct.spacing()[1] * ct.spacing()[2] / 1000;
    List<SegmentStatistics> out = new ArrayList<>();
    for (int l = 1; l < size; l++) {
      if (count[l] > 0) {
        double mean = sum[l] / count[l];
        double variance = Math.max(0, sumSquares[l] / count[l] - mean * mean);
        out.add(new SegmentStatistics(l, count[l], count[l] * voxelMl, mean, Math.sqrt(variance), min[l], max[l]));
      }
    }
    return out;
  }
}
