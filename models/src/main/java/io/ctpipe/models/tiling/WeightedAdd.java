package io.ctpipe.models.tiling;

import java.nio.FloatBuffer;

/**
 * The add of FULL, STREAMING and STREAMING_FP16: weight × logit of a window's slab into per-class float32 (or
 * binary16, rounded after every add) sums, run by run in loops the JIT vectorises, the runs spread over the workers.
 * Each voxel gets the same float operations in the same order as one multiply and one add per window.
 */
final class WeightedAdd {
  /** Window voxels whose logits one part copies per class at a time (fits the L1/L2 caches). */
  private static final int CHUNK = 8192;
  /** Runs below which a slab is not split between threads. */
  private static final int MIN_RUNS_PER_PART = 64;

  private final VoxelLayout layout;
  private final Workers workers;
  private final WindowRuns runs;
  private final float[][] buffers;

  WeightedAdd(VoxelLayout layout, Workers workers) {
    this.layout = layout;
    this.workers = workers;
    this.runs = new WindowRuns(layout.roi);
    this.buffers = new float[workers.threads()][CHUNK + layout.roi[2]];
  }

  /**
   * Adds planes [firstPlane, firstPlane + planes) of the window inside {@code region} to {@code sums} (float32) or
   * {@code halves} (binary16), whichever is not null, one array per class indexed by {@code mapping}.
   */
  void add(WindowBox box, Region region, WindowRuns.Target mapping, int firstPlane, int planes, FloatBuffer logits,
      int offset, float[] weights, float[][] sums, short[][] halves) {
    int plane = layout.roi[1] * layout.roi[2];
    int lo = firstPlane * plane;
    int n = planes * plane;
    runs.fill(box, region, layout, mapping);
    int from = runs.first(lo);
    int to = runs.first(lo + n);
    workers.split(to - from, MIN_RUNS_PER_PART, (part, a, b) -> {
      float[] buffer = buffers[part];
      for (int r = from + a; r < from + b; ) {
        int w0 = runs.window[r];
        int end = r + 1;
        while (end < from + b && runs.window[end] + runs.length[end] - w0 <= CHUNK) {
          end++;
        }
        int span = runs.window[end - 1] + runs.length[end - 1] - w0;
        int channels = sums != null ? sums.length : halves.length;
        for (int c = 0; c < channels; c++) {
          logits.get(offset + c * n + w0 - lo, buffer, 0, span);
          for (int q = r; q < end; q++) {
            int w = runs.window[q];
            if (sums != null) {
              addFloat(sums[c], runs.target[q], weights, w, buffer, w - w0, runs.length[q]);
            } else {
              addHalf(halves[c], runs.target[q], weights, w, buffer, w - w0, runs.length[q]);
            }
          }
        }
        r = end;
      }
    });
  }

  private static void addFloat(float[] sum, int t, float[] weights, int w, float[] logits, int l, int length) {
    for (int i = 0; i < length; i++) {
      sum[t + i] += weights[w + i] * logits[l + i];
    }
  }

  private static void addHalf(short[] sum, int t, float[] weights, int w, float[] logits, int l, int length) {
    for (int i = 0; i < length; i++) {
      sum[t + i] = Half.fromFloat(Half.toFloat(sum[t + i]) + weights[w + i] * logits[l + i]);
    }
  }
}
