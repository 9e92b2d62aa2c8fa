package io.ctpipe.models.qa;

import io.ctpipe.dicom.volume.HuVolume;
import java.util.List;
import java.util.Optional;

/**
 * The body's sagittal midline as an LPS left-right coordinate. From the structures that lie on it when the
 * segmentation has any (spinal cord, vertebrae, sacrum, sternum, trachea: their voxel-weighted mean centroid),
 * else from the CT: the mean left-right position of the voxels above {@link #BODY_HU} (the body; air and most of
 * the table are below it).
 *
 * @param leftMm the midline's LPS x, mm
 * @param source where it came from
 */
public record Midline(double leftMm, String source) {
  /** Voxels above this HU count as body when the midline comes from the CT. */
  public static final float BODY_HU = -500;

  private static final List<String> ON_MIDLINE = List.of("spinal_cord", "sternum", "trachea", "sacrum");

  /** The midline, or empty when neither midline structures nor body voxels exist. */
  public static Optional<Midline> find(List<Segment> segments, HuVolume ct, VoxelGrid grid) {
    double weighted = 0;
    long voxels = 0;
    for (Segment s : segments) {
      if (ON_MIDLINE.contains(s.name().name()) || s.name().vertebraLevel().isPresent()) {
        weighted += s.leftMm() * s.facts().voxels();
        voxels += s.facts().voxels();
      }
    }
    if (voxels > 0) {
      return Optional.of(new Midline(weighted / voxels, "midline structures"));
    }
    return body(ct, grid);
  }

  private static Optional<Midline> body(HuVolume ct, VoxelGrid grid) {
    int[] d = grid.dims();
    double[] sum = new double[3];
    long count = 0;
    int index = 0;
    for (int z = 0; z < d[2]; z++) {
      for (int y = 0; y < d[1]; y++) {
        for (int x = 0; x < d[0]; x++, index++) {
          if (ct.hu(index) > BODY_HU) {
            sum[0] += x;
            sum[1] += y;
            sum[2] += z;
            count++;
          }
        }
      }
    }
    if (count == 0) {
      return Optional.empty();
    }
    return Optional.of(new Midline(grid.position(sum[0] / count, sum[1] / count, sum[2] / count)[0],
        "CT body (HU > " + (int) BODY_HU + ")"));
  }
}
