package io.ctpipe.models.zoo;

import java.util.Arrays;
import java.util.Random;

/** He-normal convolution weights from one seeded generator, unit norm scales, zero biases: untrained replicas. */
public final class SeededWeights implements WeightSource {
  private final Random random;

  public SeededWeights(long seed) {
    this.random = new Random(seed);
  }

  @Override
  public float[] weights(String name, long[] shape, Init init, int fanIn) {
    long count = 1;
    for (long d : shape) {
      count *= d;
    }
    float[] w = new float[Math.toIntExact(count)];
    switch (init) {
      case ONES -> Arrays.fill(w, 1f);
      case ZEROS -> { }
      case HE_NORMAL -> {
        double sd = Math.sqrt(2.0 / fanIn);
        for (int i = 0; i < w.length; i++) {
          w[i] = (float) (random.nextGaussian() * sd);
        }
      }
    }
    return w;
  }
}
