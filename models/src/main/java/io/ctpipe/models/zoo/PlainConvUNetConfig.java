package io.ctpipe.models.zoo;

import java.util.Arrays;

/**
 * The constructor arguments of nnU-Net's {@code PlainConvUNet} (dynamic-network-architectures) that shape its
 * parameters, for 3D networks with Conv3d, affine InstanceNorm3d and LeakyReLU. Per-stage kernel sizes and strides
 * are given in the network's own axis order (nnU-Net's array axes after {@code transpose_forward}).
 *
 * @param features output channels of each encoder stage (its length is the number of stages)
 * @param kernels kernel size per stage and axis
 * @param strides stride per stage and axis (stage 0 usually all 1); the decoder's transposed convolutions use the
 *     same strides as kernel and stride
 * @param convsEncoder convolutions per encoder stage
 * @param convsDecoder convolutions per decoder stage, one entry per stage but the deepest, deepest first
 * @param convBias whether convolutions and transposed convolutions have biases
 * @param normEpsilon the instance norms' epsilon
 * @param negativeSlope the LeakyReLU slope
 */
public record PlainConvUNetConfig(int inChannels, int outChannels, int[] features, int[][] kernels, int[][] strides,
    int[] convsEncoder, int[] convsDecoder, boolean convBias, float normEpsilon, float negativeSlope) {
  public PlainConvUNetConfig {
    int stages = features.length;
    if (inChannels < 1 || outChannels < 1) {
      throw new IllegalArgumentException("PlainConvUNet needs positive input channels and classes; got "
          + inChannels + ", " + outChannels);
    }
    if (stages < 2 || kernels.length != stages || strides.length != stages || convsEncoder.length != stages
        || convsDecoder.length != stages - 1) {
      throw new IllegalArgumentException("PlainConvUNet needs at least 2 stages, one kernel size, stride and "
          + "encoder conv count per stage and one decoder conv count per stage but the deepest; got "
          + stages + " feature counts, " + kernels.length + " kernel sizes, " + strides.length + " strides, "
          + convsEncoder.length + " and " + convsDecoder.length + " conv counts");
    }
    for (int s = 0; s < stages; s++) {
      if (features[s] < 1 || !positive3(kernels[s]) || !positive3(strides[s]) || convsEncoder[s] < 1
          || (s > 0 && convsDecoder[s - 1] < 1)) {
        throw new IllegalArgumentException("PlainConvUNet stage " + s + " needs positive features, three positive "
            + "kernel sizes and strides and at least one convolution; got features " + features[s] + ", kernel "
            + Arrays.toString(kernels[s]) + ", stride " + Arrays.toString(strides[s]));
      }
      if (Arrays.stream(kernels[s]).anyMatch(k -> k % 2 == 0)) {
        throw new IllegalArgumentException("PlainConvUNet stage " + s + " has an even kernel size "
            + Arrays.toString(kernels[s]) + "; nnU-Net plans odd sizes only");
      }
    }
    features = features.clone();
    kernels = Arrays.stream(kernels).map(int[]::clone).toArray(int[][]::new);
    strides = Arrays.stream(strides).map(int[]::clone).toArray(int[][]::new);
    convsEncoder = convsEncoder.clone();
    convsDecoder = convsDecoder.clone();
  }

  private static boolean positive3(int[] v) {
    return v != null && v.length == 3 && Arrays.stream(v).allMatch(x -> x > 0);
  }

  /** The factor every input size along {@code axis} must be a multiple of: the product of the strides. */
  public int sizeFactor(int axis) {
    int f = 1;
    for (int[] s : strides) {
      f *= s[axis];
    }
    return f;
  }
}
