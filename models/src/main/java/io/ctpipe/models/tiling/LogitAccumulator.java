package io.ctpipe.models.tiling;

/**
 * Sums weighted window logits and reduces finished voxels to labels: argmax (lowest channel on a tie), or for a
 * single-channel (sigmoid) model 1 where the blended logit is positive.
 */
interface LogitAccumulator {
  /**
   * Adds weight × logit for every class and every voxel inside the image of planes [firstPlane, firstPlane + planes)
   * of the window's first axis. A window's slabs come in order, before the next window's; every voxel gets the same
   * terms in the same order whatever the slab size.
   *
   * @param logits C × planes × (rest of the window) logits (channel-major, window order), read from {@code offset}
   */
  void add(WindowBox box, int firstPlane, int planes, java.nio.FloatBuffer logits, int offset, float[] weights);

  /** No window added later starts before this plane of the streaming axis. */
  void finishBefore(int plane);

  /** Reduces everything not yet reduced. */
  void finishAll();

  /** Bytes held for accumulation (logit sums, weights), the quantity the streaming modes bound. */
  long bytes();

  /** Voxels reduced so far whose label is proven equal to FULL's, or -1 when this accumulation cannot tell. */
  long exactVoxels();
}
