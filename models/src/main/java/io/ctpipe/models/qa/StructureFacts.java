package io.ctpipe.models.qa;

/**
 * What one label value of a label map measures on its CT grid.
 *
 * @param voxels voxels holding the label
 * @param volumeMl their volume in millilitres
 * @param components 26-connected components
 * @param largestComponents voxels of the largest components, descending (at most {@link #KEPT_COMPONENTS})
 * @param centroidMm mean voxel centre, LPS mm
 * @param boxMinVoxel lowest x, y, z index holding the label; {@code boxMaxVoxel} the highest
 * @param boxMinMm lowest L, P, S coordinate of the box's voxel centres; {@code boxMaxMm} the highest
 * @param touchesSuperiorEnd holds voxels in the scan's most superior slice (along the grid axis nearest S-I)
 * @param touchesInferiorEnd holds voxels in its most inferior slice
 * @param touchesFovEdge holds voxels on the first or last row or column of the in-plane field of view
 */
public record StructureFacts(long voxels, double volumeMl, int components, long[] largestComponents,
    double[] centroidMm, int[] boxMinVoxel, int[] boxMaxVoxel, double[] boxMinMm, double[] boxMaxMm,
    boolean touchesSuperiorEnd, boolean touchesInferiorEnd, boolean touchesFovEdge) {
  /** How many component sizes are kept: enough for every component holding 5 % or more. */
  public static final int KEPT_COMPONENTS = 20;

  /** Share of the voxels in the largest component (1 for a single piece). */
  public double largestComponentShare() {
    return voxels == 0 ? 0 : (double) largestComponents[0] / voxels;
  }

  /** Whether the scan's first or last slice along S-I cuts the structure. */
  public boolean truncated() {
    return touchesSuperiorEnd || touchesInferiorEnd;
  }
}
