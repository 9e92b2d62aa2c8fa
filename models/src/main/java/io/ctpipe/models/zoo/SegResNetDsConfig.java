package io.ctpipe.models.zoo;

import java.util.Arrays;

/**
 * The constructor arguments of MONAI's SegResNetDS that shape its parameters (isotropic kernels, deconvolution
 * upsampling, ReLU and instance norm).
 *
 * @param blocksDown residual blocks per encoder level (its length is the number of levels)
 * @param blocksUp residual blocks per decoder level, one entry per level but the deepest
 */
public record SegResNetDsConfig(int initFilters, int[] blocksDown, int[] blocksUp, int inChannels, int outChannels) {
  public SegResNetDsConfig {
    if (initFilters < 1 || inChannels < 1 || outChannels < 1) {
      throw new IllegalArgumentException("SegResNetDS needs positive init_filters, in_channels and out_channels; got "
          + initFilters + ", " + inChannels + ", " + outChannels);
    }
    if (blocksDown.length < 2 || blocksUp.length != blocksDown.length - 1) {
      throw new IllegalArgumentException("SegResNetDS needs at least 2 levels and one blocks_up entry per level "
          + "below the deepest; got blocks_down " + Arrays.toString(blocksDown) + ", blocks_up "
          + Arrays.toString(blocksUp));
    }
    if (Arrays.stream(blocksDown).anyMatch(b -> b < 0) || Arrays.stream(blocksUp).anyMatch(b -> b < 0)) {
      throw new IllegalArgumentException("SegResNetDS block counts must not be negative");
    }
    blocksDown = blocksDown.clone();
    blocksUp = blocksUp.clone();
  }

  /** Auto3DSeg's segresnet template: init_filters 32, blocks_down 1,2,2,4,4, one block per decoder level. */
  public static SegResNetDsConfig autoSeg(int outChannels) {
    return new SegResNetDsConfig(32, new int[] {1, 2, 2, 4, 4}, new int[] {1, 1, 1, 1}, 1, outChannels);
  }

  /** The factor every input size must be a multiple of: 2^(levels − 1). */
  public int sizeFactor() {
    return 1 << (blocksDown.length - 1);
  }
}
