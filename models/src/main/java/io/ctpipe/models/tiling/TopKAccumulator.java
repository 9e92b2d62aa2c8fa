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

  private final VoxelLayout layout;
  private final int channels;
  private final int k;
  private final byte[] labelsKept;
  private final float[] values;
  private final float[] bound;
  private final byte[] flags;
  private final IndexPairs pairs;
  private final float[] chunk;
  private final int[] at;
  private final float[] weight;
  private final RankedLabels candidates;
  private final OutsideSelection outside;
  private final short unprovenMark;
  private long exact;

  /**
   * {@code k} in [1, {@link #MAX_K}] (checked by {@link TilingOptions}); {@code markUnproven}: set {@link #UNPROVEN}
   * in the labels not proven.
   */
  TopKAccumulator(Band band, int channels, int k, boolean markUnproven, short[] labels) {
    super(band, labels);
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
    this.pairs = new IndexPairs(layout.windowVoxels());
    this.chunk = new float[channels * CHUNK];
    this.at = new int[CHUNK];
    this.weight = new float[CHUNK];
    this.candidates = new RankedLabels(2 * this.k + 1);
    this.outside = new OutsideSelection(CHUNK, this.k + 1);
    this.unprovenMark = markUnproven ? UNPROVEN : 0;
  }

  @Override
  public void add(WindowBox box, int firstPlane, int planes, FloatBuffer logits, int offset, float[] weights) {
    int plane = layout.roi[1] * layout.roi[2];
    int lo = firstPlane * plane;
    int n = planes * plane;
    pairs.fill(box, band.region, layout, band::index);
    int[] window = pairs.window;
    int to = pairs.first(lo + n);
    for (int p = pairs.first(lo); p < to; ) {
      int chunkStart = window[p];
      int length = Math.min(CHUNK, lo + n - chunkStart);
      for (int c = 0; c < channels; c++) {
        logits.get(offset + c * n + chunkStart - lo, chunk, c * CHUNK, length);
      }
      int end = p;
      while (end < to && window[end] < chunkStart + length) {
        end++;
      }
      mergeChunk(p, end - p, chunkStart, weights);
      p = end;
    }
  }

  /** Merges the chunk's contributions into its {@code count} voxels, pairs from {@code first} on. */
  private void mergeChunk(int first, int count, int chunkStart, float[] weights) {
    for (int j = 0; j < count; j++) {
      int slot = pairs.target[first + j];
      at[j] = pairs.window[first + j] - chunkStart;
      weight[j] = weights[pairs.window[first + j]];
      boolean fresh = (flags[slot] & VISITED) == 0;
      outside.begin(j, fresh ? Math.min(k + 1, channels) : bound[slot] == Float.NEGATIVE_INFINITY ? 0 : k + 1);
    }
    float[] floor = outside.floor;
    for (int c = 0; c < channels; c++) {
      int row = c * CHUNK;
      for (int j = 0; j < count; j++) {
        float v = weight[j] * chunk[row + at[j]];
        if (v > floor[j] && !isKept(pairs.target[first + j], c)) {
          outside.offer(j, c, v);
        }
      }
    }
    for (int j = 0; j < count; j++) {
      merge(pairs.target[first + j], j);
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

  @Override
  short reduceAndClear(int slot) {
    if ((flags[slot] & VISITED) == 0) {
      exact++;
      return 0;
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
    if (proven) {
      exact++;
    }
    int label = labelsKept[base + best] & 0xFF;
    flags[slot] = 0;
    return (short) ((channels == 1 ? (top > 0 ? 1 : 0) : label) | (proven ? 0 : unprovenMark));
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
    return exact;
  }
}
