package io.ctpipe.models.runtime.onednn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The normalisation statistics against a float64 two-pass reference: on ordinary data, and on channels that are
 * one constant but for a few voxels, where a one-pass float E[x²] − E[x]² is off by orders of magnitude. The mean
 * is held to 1e-5 of the spread (what the normalised output feels), the variance to 1e-5 relative.
 */
class NormStatisticsTest {
  @ParameterizedTest(name = "N={0} C={1} G={2} voxels={3}")
  @CsvSource({"1, 16, 16, 884736", "2, 32, 8, 13824", "1, 118, 118, 1000", "1, 512, 512, 216", "3, 5, 1, 7"})
  void equalsTheDoubleTwoPassReferenceOnNearConstantChannels(int batch, int channels, int groups, int voxels) {
    Random random = new Random(channels * 31L + voxels);
    float[] x = new float[batch * voxels * channels];
    for (int n = 0; n < batch; n++) {
      for (int c = 0; c < channels; c++) {
        float constant = c % 2 == 0 ? 100f + c : -1f;
        for (int v = 0; v < voxels; v++) {
          boolean real = c % 3 == 0 || v < Math.max(1, voxels / 100);
          x[(n * voxels + v) * channels + c] = real ? (float) (random.nextGaussian() * 0.01 + c) : constant;
        }
      }
    }
    ByteBuffer source = ByteBuffer.allocateDirect(x.length * 4).order(ByteOrder.nativeOrder());
    source.asFloatBuffer().put(x);
    ByteBuffer destination = ByteBuffer.allocateDirect(2 * batch * groups * 4).order(ByteOrder.nativeOrder());
    new NormStatistics(batch, channels, groups, voxels).run(source, destination);
    FloatBuffer stats = destination.asFloatBuffer();
    int perGroup = channels / groups;
    for (int n = 0; n < batch; n++) {
      for (int g = 0; g < groups; g++) {
        double sum = 0;
        for (int v = 0; v < voxels; v++) {
          for (int c = g * perGroup; c < (g + 1) * perGroup; c++) {
            sum += x[(n * voxels + v) * channels + c];
          }
        }
        double mean = sum / ((long) voxels * perGroup);
        double squares = 0;
        for (int v = 0; v < voxels; v++) {
          for (int c = g * perGroup; c < (g + 1) * perGroup; c++) {
            double d = x[(n * voxels + v) * channels + c] - mean;
            squares += d * d;
          }
        }
        double variance = squares / ((long) voxels * perGroup);
        // what the normalised output feels is the mean's error against the spread, and f32's own rounding
        assertEquals(mean, stats.get(n * groups + g), 1e-5 * Math.sqrt(variance) + 1e-7 * Math.abs(mean),
            "mean of " + n + "/" + g);
        double got = stats.get(batch * groups + n * groups + g);
        assertTrue(Math.abs(got - variance) <= 1e-5 * variance + 1e-12,
            "variance of " + n + "/" + g + ": " + got + " vs " + variance);
      }
    }
  }
}
