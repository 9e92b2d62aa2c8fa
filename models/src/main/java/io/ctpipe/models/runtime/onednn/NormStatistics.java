package io.ctpipe.models.runtime.onednn;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

/**
 * Mean and variance of each (sample, group) of a channels-last f32 activation, computed so that they stay exact to
 * float precision when a channel is almost constant (padding, clipped air): oneDNN's own normalisation sums in
 * float over the whole tensor and loses the variance when it is tiny next to the mean, and deep networks amplify
 * that into other labels (docs/inference-engine.md, "Normalisation statistics").
 *
 * <p>Each chunk of at least {@value #CHUNK_VOXELS} voxels is summed in float as deviations from a value of its own
 * ({@link #medianOfThree}) and their squares (small values, few terms per sum), turned into a count, mean and sum of
 * squared deviations in double, and the chunks are merged in double, in order (Chan et al.'s pairwise update). One
 * thread does it all: the pass is bound by memory, and a second thread on two cores made it slower, not faster
 * (docs/benchmarks.md). Writes N×G means followed by N×G (biased) variances as f32.
 */
final class NormStatistics implements Step.Kernel {
  /** Least voxels summed in float around one shift before the sums go to double (more for few channels). */
  static final int CHUNK_VOXELS = 64;
  /** Floats summed side by side: a whole number of voxels, long enough for the JIT's vector loops. */
  private static final int LANES = 256;
  /** Least rows of lanes per chunk, so that folding the lanes into channels stays a small share of the work. */
  private static final int MIN_ROWS = 64;

  /**
   * Benchmarking only, never in use: {@code -Dctpipe.bench.oneDnnNormStatistics=true} leaves fp32 statistics to
   * oneDNN, for the same-run cost comparison in docs/benchmarks.md.
   */
  static final boolean LEFT_TO_ONEDNN = Boolean.getBoolean("ctpipe.bench.oneDnnNormStatistics");

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private final int batch;
  private final int channels;
  private final int groups;
  private final long voxels;
  private final int lanes;
  private final int chunkVoxels;

  NormStatistics(int batch, int channels, int groups, long voxels) {
    this.batch = batch;
    this.channels = channels;
    this.groups = groups;
    this.voxels = voxels;
    this.lanes = channels * Math.max(1, LANES / channels);
    int voxelsPerRow = lanes / channels;
    this.chunkVoxels = voxelsPerRow * Math.max(MIN_ROWS, (CHUNK_VOXELS + voxelsPerRow - 1) / voxelsPerRow);
  }

  @Override
  public void run(ByteBuffer source, ByteBuffer destination) {
    FloatBuffer values = source.asFloatBuffer();
    FloatBuffer out = destination.asFloatBuffer();
    int perGroup = channels / groups;
    for (int n = 0; n < batch; n++) {
      Moments whole = sum(values, n * voxels, voxels);
      Moments grouped = new Moments(groups);
      for (int c = 0; c < channels; c++) {
        grouped.merge(c / perGroup, whole.count[c], whole.mean[c], whole.squares[c]);
      }
      for (int g = 0; g < groups; g++) {
        out.put(n * groups + g, (float) grouped.mean[g]);
        out.put(batch * groups + n * groups + g, (float) (grouped.squares[g] / grouped.count[g]));
      }
    }
  }

  /** The moments of {@code count} voxels starting at voxel {@code first} (counted over the whole batch). */
  private Moments sum(FloatBuffer values, long first, long count) {
    Moments result = new Moments(channels);
    Scratch scratch = SCRATCH.get().fit(lanes);
    for (long done = 0; done < count; done += chunkVoxels) {
      int voxelsHere = (int) Math.min(chunkVoxels, count - done);
      int start = Math.toIntExact((first + done) * channels);
      int elements = voxelsHere * channels;
      medianOfThree(values, start, voxelsHere, scratch.shift);
      java.util.Arrays.fill(scratch.deviations, 0f);
      java.util.Arrays.fill(scratch.squares, 0f);
      for (int at = 0; at < elements; at += lanes) {
        int n = Math.min(lanes, elements - at);
        values.get(start + at, scratch.row, 0, n);
        accumulate(scratch.row, scratch.shift, scratch.deviations, scratch.squares, n);
      }
      result.add(voxelsHere, scratch.shift, scratch.deviations, scratch.squares);
    }
    return result;
  }

  /**
   * Each lane's shift: per channel, the median of the chunk's first, middle and last voxel. A chunk that is mostly
   * one value (padding) gets that value, so its deviations are exact zeros; a smooth chunk gets a value near its
   * mean, so the float sums hold small numbers.
   */
  private void medianOfThree(FloatBuffer values, int start, int voxelsHere, float[] shift) {
    int middle = start + voxelsHere / 2 * channels;
    int last = start + (voxelsHere - 1) * channels;
    for (int c = 0; c < channels; c++) {
      float a = values.get(start + c);
      float b = values.get(middle + c);
      float d = values.get(last + c);
      float median = Math.max(Math.min(a, b), Math.min(Math.max(a, b), d));
      for (int j = c; j < lanes; j += channels) {
        shift[j] = median;
      }
    }
  }

  /** Deviations from the shift and their squares, added lane by lane (one index for every array: vectorised). */
  private static void accumulate(float[] row, float[] shift, float[] deviations, float[] squares, int n) {
    for (int j = 0; j < n; j++) {
      float d = row[j] - shift[j];
      deviations[j] += d;
      squares[j] += d * d;
    }
  }

  /** One thread's lane arrays, kept between calls (the kernel runs for every normalisation of every window). */
  private static final class Scratch {
    float[] row = new float[0];
    float[] shift = row;
    float[] deviations = row;
    float[] squares = row;

    Scratch fit(int lanes) {
      if (row.length != lanes) {
        row = new float[lanes];
        shift = new float[lanes];
        deviations = new float[lanes];
        squares = new float[lanes];
      }
      return this;
    }
  }

  /** Per slot (channel or group): how many voxels, their mean, and the sum of their squared deviations from it. */
  private static final class Moments {
    final double[] count;
    final double[] mean;
    final double[] squares;

    Moments(int slots) {
      count = new double[slots];
      mean = new double[slots];
      squares = new double[slots];
    }

    /**
     * Adds a chunk of {@code n} voxels given as float sums, lane by lane, of deviations from {@code shift} and of
     * their squares (lane j holds channel j mod C).
     */
    void add(int n, float[] shift, float[] deviations, float[] deviationSquares) {
      int channels = mean.length;
      for (int c = 0; c < channels; c++) {
        double d = 0;
        double s = 0;
        for (int j = c; j < deviations.length; j += channels) {
          d += deviations[j];
          s += deviationSquares[j];
        }
        merge(c, n, shift[c] + d / n, Math.max(0, s - d * d / n));
      }
    }

    /** Chan et al.'s update: slot {@code s} now also covers {@code n} voxels of that mean and squared deviations. */
    void merge(int s, double n, double otherMean, double otherSquares) {
      if (n == 0) {
        return;
      }
      double total = count[s] + n;
      double delta = otherMean - mean[s];
      mean[s] += delta * n / total;
      squares[s] += otherSquares + delta * delta * count[s] * n / total;
      count[s] = total;
    }
  }
}
