package io.ctpipe.models.card;

/**
 * The sliding-window settings a card gets when it does not give them (docs/model-cards.md, "Sliding-window
 * defaults"), in one place. Where they differ from MONAI's {@code sliding_window_inference} it is said here.
 */
public final class SlidingWindowDefaults {
  /**
   * 0.5, not MONAI's 0.25: the step of nnU-Net's {@code tile_step_size} 0.5, so that every voxel away from the border
   * is blended from two windows per axis; it costs (1/0.5)³ / (1/0.75)³ ≈ 3.4 times MONAI's windows on a large
   * volume. A card that gives its own overlap (an imported MONAIAuto3DSeg model: 0.625) keeps it.
   */
  public static final double OVERLAP = 0.5;
  /** Gaussian σ as a fraction of the ROI: MONAI's {@code sigma_scale} 0.125. */
  public static final double SIGMA_SCALE = 0.125;
  /** Windows per network call: MONAI's {@code sw_batch_size} 1. */
  public static final int BATCH = 1;

  private SlidingWindowDefaults() {}
}
