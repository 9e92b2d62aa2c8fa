package io.ctpipe.models.zoo;

import java.util.Arrays;
import java.util.Random;

/** Weights drawn from one seeded generator in the order they are asked for: untrained replicas. */
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
      case HE_NORMAL -> normal(w, Math.sqrt(2.0 / fanIn));
      case LECUN_NORMAL -> normal(w, Math.sqrt(1.0 / fanIn));
      case SMALL_NORMAL -> normal(w, 0.01);
    }
    return w;
  }

  private void normal(float[] w, double sd) {
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (random.nextGaussian() * sd);
    }
  }
}
