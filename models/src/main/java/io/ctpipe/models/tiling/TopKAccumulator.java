package io.ctpipe.models.tiling;

import java.nio.FloatBuffer;

/**
 * TOPK: per band voxel only the K best weighted class sums (an unsigned-byte label and a float32 value each), so the
 * memory does not depend on the number of classes. Each window's contributions are merged as in the Space-Saving
 * summary: a kept label adds its contribution; a label not kept enters with {@code bound + contribution}, where the
 * bound is the largest sum any label outside the kept set can have reached. Values are therefore upper bounds of
 * FULL's float32 sums (rounding to nearest is monotonic), and equal to them for labels kept since the voxel's first
 * window ("exact" entries: same terms, same order, same float operations as FULL).
 *
 * <p>A voxel's label is proven equal to FULL's when the best entry is exact and its value exceeds the bound and every
 * other entry (ties only with exact entries, decided by the lowest label as FULL does); {@link #exactVoxels()}
 * counts those voxels, and those no window reached (FULL's label 0, as every sum is 0). With K at least the number
 * of classes nothing is ever dropped and every label equals FULL.
 * When asked to, it marks the labels of the other voxels with {@link #UNPROVEN} for {@link Recheck}.
 */
final class TopKAccumulator extends BandAccumulator {
  /** Largest K: the exact-entry bits and the visited bit share one byte. */
  static final int MAX_K = 7;
  /** Largest class count: labels are stored as unsigned bytes. */
  static final int MAX_CLASSES = 256;
  /** Set in the label of a voxel whose label was not proven, when the run rechecks those voxels. */
  static final short UNPROVEN = (short) 0x8000;
  private static final int VISITED = 0x80;
  private static final int CHUNK = 2048;
  /** Set above the label bits by the per-voxel reduction when the label is proven. */
  private static final int PROVEN = 1 << 16;

  /** Runs below which a slab is not split between threads. */
  private static final int MIN_RUNS_PER_PART = 64;

  private final VoxelLayout layout;
  private final int channels;
  private final int k;
  private final byte[] labelsKept;
  private final float[] values;
  private final float[] bound;
  private final byte[] flags;
  private final WindowRuns runs;
  private final Merger[] mergers;
  private final short unprovenMark;

  /**
   * {@code k} in [1, {@link #MAX_K}] (checked by {@link TilingOptions}); {@code markUnproven}: set {@link #UNPROVEN}
   * in the labels not proven.
   */
  TopKAccumulator(Band band, int channels, int k, boolean markUnproven, Workers workers, short[] labels) {
    super(band, workers, labels);
    if (channels > MAX_CLASSES) {
      throw new IllegalArgumentException("top-k accumulation holds labels as bytes: at most " + MAX_CLASSES
          + " output channels, the model has " + channels);
    }
    this.layout = band.layout;
    this.channels = channels;
    this.k = Math.min(k, channels);
    int voxels = band.voxels();
    this.labelsKept = new byte[voxels * this.k];
    this.values = new float[voxels * this.k];
    this.bound = new float[voxels];
    this.flags = new byte[voxels];
    this.runs = new WindowRuns(layout.roi);
    this.mergers = new Merger[workers.threads()];
    for (int p = 0; p < mergers.length; p++) {
      mergers[p] = new Merger();
    }
    this.unprovenMark = markUnproven ? UNPROVEN : 0;
  }

  @Override
  public void add(WindowBox box, int firstPlane, int planes, FloatBuffer logits, int offset, float[] weights) {
    int plane = layout.roi[1] * layout.roi[2];
    int lo = firstPlane * plane;
    int n = planes * plane;
    runs.fill(box, band.region, layout, band::index);
    int from = runs.first(lo);
    int to = runs.first(lo + n);
    workers.split(to - from, MIN_RUNS_PER_PART, (part, a, b) ->
        mergers[part].add(from + a, from + b, lo, n, logits, offset, weights));
  }

  /** One thread's merging of its runs, chunk by chunk of window voxels, with its own scratch. */
  private final class Merger {
    private final float[] chunk = new float[channels * CHUNK];
    private final int[] slots = new int[CHUNK];
    private final int[] at = new int[CHUNK];
    private final float[] weight = new float[CHUNK];
    private final RankedLabels candidates = new RankedLabels(2 * k + 1);
    private final OutsideSelection outside = new OutsideSelection(CHUNK, k + 1);

    /** Merges runs [r0, r1) of a slab whose window voxels start at {@code lo} ({@code n} of them). */
    void add(int r0, int r1, int lo, int n, FloatBuffer logits, int offset, float[] weights) {
      if (r0 >= r1) {
        return;
      }
      int last = runs.window[r1 - 1] + runs.length[r1 - 1];
      int r = r0;
      int i = 0;
      while (r < r1) {
        int chunkStart = runs.window[r] + i;
        int length = Math.min(CHUNK, last - chunkStart);
        for (int c = 0; c < channels; c++) {
          logits.get(offset + c * n + chunkStart - lo, chunk, c * CHUNK, length);
        }
        int count = 0;
        while (r < r1 && runs.window[r] + i < chunkStart + length) {
          int first = runs.window[r] + i;
          int take = Math.min(runs.length[r] - i, chunkStart + length - first);
          for (int t = 0; t < take; t++) {
            slots[count] = runs.target[r] + i + t;
            at[count] = first + t - chunkStart;
            weight[count] = weights[first + t];
            count++;
          }
          i += take;
          if (i == runs.length[r]) {
            r++;
            i = 0;
          }
        }
        mergeChunk(count);
      }
    }

    /** Merges the chunk's contributions into its {@code count} voxels. */
    private void mergeChunk(int count) {
      for (int j = 0; j < count; j++) {
        int slot = slots[j];
        boolean fresh = (flags[slot] & VISITED) == 0;
        outside.begin(j, fresh ? Math.min(k + 1, channels) : bound[slot] == Float.NEGATIVE_INFINITY ? 0 : k + 1);
      }
      float[] floor = outside.floor;
      for (int c = 0; c < channels; c++) {
        int row = c * CHUNK;
        for (int j = 0; j < count; j++) {
          float v = weight[j] * chunk[row + at[j]];
          if (v > floor[j] && !isKept(slots[j], c)) {
            outside.offer(j, c, v);
          }
        }
      }
      for (int j = 0; j < count; j++) {
        merge(slots[j], j);
      }
    }

    /**
     * Merges chunk voxel {@code j} into band voxel {@code slot}: kept labels add their contribution; the best labels
     * outside enter at their contribution (the voxel's first window: exact) or at bound + contribution.
     */
    private void merge(int slot, int j) {
      int base = slot * k;
      candidates.clear();
      boolean fresh = (flags[slot] & VISITED) == 0;
      if (!fresh) {
        int exactBits = flags[slot];
        for (int i = 0; i < k; i++) {
          int label = labelsKept[base + i] & 0xFF;
          float contribution = weight[j] * chunk[label * CHUNK + at[j]];
          candidates.add(label, values[base + i] + contribution, (exactBits & (1 << i)) != 0);
        }
      }
      for (int i = 0; i < outside.size(j); i++) {
        float v = outside.value(j, i);
        candidates.add(outside.label(j, i), fresh ? v : bound[slot] + v, fresh);
      }
      store(slot);
    }

    /** Keeps the best K candidates; the next one is the new bound (every dropped label is at most it). */
    private void store(int slot) {
      candidates.sort();
      int base = slot * k;
      int exactBits = 0;
      for (int i = 0; i < k; i++) {
        labelsKept[base + i] = (byte) candidates.label(i);
        values[base + i] = candidates.value(i);
        if (candidates.exact(i)) {
          exactBits |= 1 << i;
        }
      }
      bound[slot] = candidates.size() > k ? candidates.value(k) : Float.NEGATIVE_INFINITY;
      flags[slot] = (byte) (VISITED | exactBits);
    }
  }

  private boolean isKept(int slot, int label) {
    if ((flags[slot] & VISITED) == 0) {
      return false;
    }
    int base = slot * k;
    for (int i = 0; i < k; i++) {
      if ((labelsKept[base + i] & 0xFF) == label) {
        return true;
      }
    }
    return false;
  }

  @Override
  int reduceAndClear(int part, int slot, int voxel, int length, short[] labels) {
    int proven = 0;
    for (int i = 0; i < length; i++) {
      int reduced = reduceAndClear(slot + i);
      boolean isProven = (reduced & PROVEN) != 0;
      labels[voxel + i] = (short) ((reduced & 0xFFFF) | (isProven ? 0 : unprovenMark));
      proven += isProven ? 1 : 0;
    }
    return proven;
  }

  /** The voxel's label, with {@link #PROVEN} set when it is proven equal to FULL's; the voxel is left cleared. */
  private int reduceAndClear(int slot) {
    if ((flags[slot] & VISITED) == 0) {
      return PROVEN;
    }
    int base = slot * k;
    int best = 0;
    for (int i = 1; i < k; i++) {
      if (better(base + i, base + best)) {
        best = i;
      }
    }
    float top = values[base + best];
    boolean proven = (flags[slot] & (1 << best)) != 0 && bound[slot] < top;
    for (int i = 0; i < k && proven; i++) {
      proven = i == best || values[base + i] < top || (flags[slot] & (1 << i)) != 0;
    }
    int label = labelsKept[base + best] & 0xFF;
    flags[slot] = 0;
    return (channels == 1 ? (top > 0 ? 1 : 0) : label) | (proven ? PROVEN : 0);
  }

  private boolean better(int a, int b) {
    return values[a] > values[b] || (values[a] == values[b] && (labelsKept[a] & 0xFF) < (labelsKept[b] & 0xFF));
  }

  @Override
  public long bytes() {
    return band.voxels() * Accumulation.TOPK.bytesPerVoxel(channels, k);
  }

  @Override
  public long exactVoxels() {
    return provenVoxels();
  }
}
