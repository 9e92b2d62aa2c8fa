package io.ctpipe.models.tiling;

import java.nio.FloatBuffer;
import java.util.Arrays;

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
 * counts those voxels. With K at least the number of classes nothing is ever dropped and every label equals FULL.
 */
final class TopKAccumulator extends BandAccumulator {
  /** Largest K: the exact-entry bits and the visited bit share one byte. */
  static final int MAX_K = 7;
  /** Largest class count: labels are stored as unsigned bytes. */
  static final int MAX_CLASSES = 256;
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
  private final float[] contribution;
  private final boolean[] kept;
  private final RankedLabels candidates;
  private final RankedLabels outside;
  private long exact;

  TopKAccumulator(Band band, int channels, int k, short[] labels) {
    super(band, labels);
    if (k < 1 || k > MAX_K) {
      throw new IllegalArgumentException("top-k needs K in [1, " + MAX_K + "], got " + k);
    }
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
    this.contribution = new float[channels];
    this.kept = new boolean[channels];
    this.candidates = new RankedLabels(2 * this.k + 1);
    this.outside = new RankedLabels(this.k + 1);
  }

  @Override
  public void add(WindowBox box, int firstPlane, int planes, FloatBuffer logits, int offset, float[] weights) {
    int plane = layout.roi[1] * layout.roi[2];
    int lo = firstPlane * plane;
    int n = planes * plane;
    pairs.fill(box, band.region, layout, band::index);
    int[] target = pairs.target;
    int[] window = pairs.window;
    int to = pairs.first(lo + n);
    for (int p = pairs.first(lo); p < to; ) {
      int chunkStart = window[p];
      int length = Math.min(CHUNK, lo + n - chunkStart);
      for (int c = 0; c < channels; c++) {
        logits.get(offset + c * n + chunkStart - lo, chunk, c * CHUNK, length);
      }
      for (; p < to && window[p] < chunkStart + length; p++) {
        int at = window[p] - chunkStart;
        float weight = weights[window[p]];
        for (int c = 0; c < channels; c++) {
          contribution[c] = weight * chunk[c * CHUNK + at];
        }
        merge(target[p]);
      }
    }
  }

  /** Merges {@link #contribution} into the entries of band voxel {@code slot}. */
  private void merge(int slot) {
    int base = slot * k;
    candidates.clear();
    boolean fresh = (flags[slot] & VISITED) == 0;
    if (fresh) {
      addOutside(0f, true, channels > k ? k + 1 : k);
    } else {
      int exactBits = flags[slot];
      for (int i = 0; i < k; i++) {
        int label = labelsKept[base + i] & 0xFF;
        kept[label] = true;
        candidates.add(label, values[base + i] + contribution[label], (exactBits & (1 << i)) != 0);
      }
      if (bound[slot] != Float.NEGATIVE_INFINITY) {
        addOutside(bound[slot], false, k + 1);
      }
      for (int i = 0; i < k; i++) {
        kept[labelsKept[base + i] & 0xFF] = false;
      }
    }
    store(slot);
  }

  /**
   * Adds the {@code count} labels outside the kept set with the largest contributions, each valued
   * {@code start + contribution}: the voxel's first window (start 0, exact), or the bound of the dropped labels.
   */
  private void addOutside(float start, boolean exactValues, int count) {
    outside.begin(count);
    for (int c = 0; c < channels; c++) {
      if (!kept[c]) {
        outside.offer(c, contribution[c]);
      }
    }
    for (int i = 0; i < outside.size(); i++) {
      candidates.add(outside.label(i), exactValues ? outside.value(i) : start + outside.value(i), exactValues);
    }
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
  short reduce(int slot) {
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
    return (short) (channels == 1 ? (top > 0 ? 1 : 0) : label);
  }

  private boolean better(int a, int b) {
    return values[a] > values[b] || (values[a] == values[b] && (labelsKept[a] & 0xFF) < (labelsKept[b] & 0xFF));
  }

  @Override
  void clear(int from, int count) {
    Arrays.fill(flags, from, from + count, (byte) 0);
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
