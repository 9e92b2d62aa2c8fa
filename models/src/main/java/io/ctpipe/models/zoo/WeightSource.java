package io.ctpipe.models.zoo;

/**
 * Where a network's parameters come from: seeded draws for the zoo's untrained replicas ({@link SeededWeights}), or a
 * checkpoint's tensors looked up by the parameter's name in the original network's state dict.
 */
public interface WeightSource {
  /**
   * How a tensor is filled when nobody trained it: normal with sd √(2/fanIn) (He) or √(1/fanIn) (LeCun), normal with
   * sd 0.01 (small biases), ones or zeros.
   */
  enum Init { HE_NORMAL, LECUN_NORMAL, SMALL_NORMAL, ONES, ZEROS }

  /**
   * The values of one parameter in row-major order.
   *
   * @param name the parameter's state-dict key, e.g. {@code encoder.conv_init.weight}
   * @param shape its shape as the original framework stores it
   * @param init how a seeded source fills it
   * @param fanIn the fan-in for {@link Init#HE_NORMAL} and {@link Init#LECUN_NORMAL}
   * @throws IllegalArgumentException when the source has no such parameter or another shape
   */
  float[] weights(String name, long[] shape, Init init, int fanIn);
}
