package io.ctpipe.models.tiling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.models.runtime.OrtPredictor;
import io.ctpipe.models.zoo.TissueCt;
import io.ctpipe.models.zoo.ZooFixtures;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * TOPK accumulation: equal to FULL when nothing can be dropped, the exactness count sound (a voxel whose true argmax
 * was dropped is not counted) and correct on a constructed case, memory independent of the class count; plane tiles
 * leave labels unchanged and bound memory by the tile.
 */
class TopKAccumulationTest {
  private static final int[] ROI = {12, 10, 8};
  private static final int[] SIZE = {30, 22, 19};

  /** Logits computed voxel by voxel from the window's input alone, so that re-running a window repeats them. */
  private abstract static class VoxelwiseLogits implements WindowPredictor {
    final int channels;
    private final int windowVoxels;
    private FloatBuffer input;
    private FloatBuffer output;

    VoxelwiseLogits(int channels, int[] roi) {
      this.channels = channels;
      this.windowVoxels = roi[0] * roi[1] * roi[2];
    }

    /** The logit of {@code channel} at window voxel {@code voxel} whose input is {@code value}. */
    abstract float logit(float value, int channel, int voxel);

    @Override
    public int outputChannels() {
      return channels;
    }

    @Override
    public FloatBuffer inputBuffer(int batch) {
      input = FloatBuffer.allocate(batch * windowVoxels);
      output = FloatBuffer.allocate(batch * windowVoxels * channels);
      return input;
    }

    @Override
    public FloatBuffer predict(int batch) {
      for (int b = 0; b < batch; b++) {
        for (int c = 0; c < channels; c++) {
          for (int i = 0; i < windowVoxels; i++) {
            output.put((b * channels + c) * windowVoxels + i, logit(input.get(b * windowVoxels + i), c, i));
          }
        }
      }
      return output;
    }

    @Override
    public void close() {}
  }

  /** Pseudo-random logits in [−5, 5). */
  private static final class HashedLogits extends VoxelwiseLogits {
    HashedLogits(int channels, int[] roi) {
      super(channels, roi);
    }

    @Override
    float logit(float value, int channel, int voxel) {
      int h = Float.floatToIntBits(value) * 31 + channel * 1_000_003 + voxel * 7919;
      h ^= h >>> 13;
      h *= 0x5bd1e995;
      h ^= h >>> 15;
      return (h & 0xFFFF) / 6553.6f - 5f;
    }
  }

  private static float[] ramp(int[] size) {
    float[] v = new float[size[0] * size[1] * size[2]];
    for (int i = 0; i < v.length; i++) {
      v[i] = (i % 97) / 97f;
    }
    return v;
  }

  private static TilingOptions options(double overlap) {
    return TilingOptions.of(ROI, overlap, BlendMode.GAUSSIAN);
  }

  @ParameterizedTest(name = "{0} classes, K = {1}, overlap {2}")
  @CsvSource({"5, 5, 0.5", "5, 7, 0.625", "1, 1, 0.5", "3, 4, 0.25"})
  void equalsFullWhenKCoversEveryClass(int classes, int k, double overlap) throws Exception {
    float[] volume = ramp(SIZE);
    try (HashedLogits model = new HashedLogits(classes, ROI)) {
      TiledInference.Result full = TiledInference.run(volume, SIZE, model,
          options(overlap).withAccumulation(Accumulation.FULL));
      TiledInference.Result topK = TiledInference.run(volume, SIZE, model,
          options(overlap).withAccumulation(Accumulation.TOPK).withTopK(k));
      assertArrayEquals(full.labels(), topK.labels());
      assertTrue(topK.stats().exactVoxels() > 0.99 * volume.length, "only exact ties are unproven: "
          + topK.stats().exactVoxels());
    }
  }

  @ParameterizedTest(name = "K = {0}")
  @CsvSource({"1", "2", "3"})
  void everyVoxelCountedExactHasFullsLabel(int k) throws Exception {
    float[] volume = ramp(SIZE);
    try (HashedLogits model = new HashedLogits(9, ROI)) {
      short[] full = TiledInference.run(volume, SIZE, model, options(0.625).withAccumulation(Accumulation.FULL))
          .labels();
      TiledInference.Result topK = TiledInference.run(volume, SIZE, model,
          options(0.625).withAccumulation(Accumulation.TOPK).withTopK(k).withRecheck(false));
      int differing = 0;
      for (int i = 0; i < full.length; i++) {
        differing += full[i] != topK.labels()[i] ? 1 : 0;
      }
      long unproven = volume.length - topK.stats().exactVoxels();
      assertTrue(differing > 0, "random logits over 9 classes must defeat K = " + k + " somewhere");
      assertTrue(differing <= unproven, differing + " labels differ from FULL but only " + unproven
          + " voxels were left unproven");
    }
  }

  /**
   * Returns the same logits for every voxel of a window: row {@code call} of the table, one row per call, or (keyed)
   * the row numbered by the window's first input value, so that a window run again repeats its logits.
   */
  private static final class ScriptedLogits implements WindowPredictor {
    private final float[][] table;
    private final int windowVoxels;
    private final boolean keyed;
    private FloatBuffer input;
    private FloatBuffer output;
    private int call;

    ScriptedLogits(float[][] table, int windowVoxels) {
      this(table, windowVoxels, false);
    }

    ScriptedLogits(float[][] table, int windowVoxels, boolean keyed) {
      this.table = table;
      this.windowVoxels = windowVoxels;
      this.keyed = keyed;
    }

    @Override
    public int outputChannels() {
      return table[0].length;
    }

    @Override
    public FloatBuffer inputBuffer(int batch) {
      output = FloatBuffer.allocate(windowVoxels * table[0].length);
      input = FloatBuffer.allocate(windowVoxels);
      return input;
    }

    @Override
    public FloatBuffer predict(int batch) {
      float[] row = table[keyed ? (int) input.get(0) : call++];
      for (int c = 0; c < row.length; c++) {
        for (int i = 0; i < windowVoxels; i++) {
          output.put(c * windowVoxels + i, row[c]);
        }
      }
      return output;
    }

    @Override
    public void close() {}
  }

  /**
   * Five voxels in a row, three windows of three (starts 0, 1, 2), constant weights. With K = 1, voxel 1 keeps class 0
   * (1.0) after window 0, then class 2 enters at bound 0.95 + 0.2 and pushes it out although FULL's sums are
   * 1.0 / 0.95 / 0.2: its label is wrong and must not be counted exact. Only voxels 0 and 4 are provable; with K = 2
   * all five are, and every label equals FULL's.
   */
  @Test
  void droppedTrueArgmaxIsNotCountedExact() throws Exception {
    float[][] table = {{1.0f, 0.95f, 0f}, {0f, 0f, 0.2f}, {0.3f, 0f, 0f}};
    int[] size = {5, 1, 1};
    int[] roi = {3, 1, 1};
    TilingOptions o = new TilingOptions(roi, new double[] {0.67, 0, 0}, BlendMode.CONSTANT, 0.125, 1,
        Accumulation.FULL, 1, false, 0, Float.NaN, 0f, 0);
    float[] volume = new float[5];
    short[] full = TiledInference.run(volume, size, new ScriptedLogits(table, 3), o).labels();
    assertArrayEquals(new short[] {0, 0, 0, 0, 0}, full);
    TiledInference.Result k1 = TiledInference.run(volume, size, new ScriptedLogits(table, 3),
        o.withAccumulation(Accumulation.TOPK));
    assertEquals(3, k1.stats().windowsRun());
    assertArrayEquals(new short[] {0, 2, 0, 0, 0}, k1.labels());
    assertEquals(2, k1.stats().exactVoxels());
    TiledInference.Result k2 = TiledInference.run(volume, size, new ScriptedLogits(table, 3),
        o.withAccumulation(Accumulation.TOPK).withTopK(2));
    assertArrayEquals(full, k2.labels());
    assertEquals(5, k2.stats().exactVoxels());
  }

  @ParameterizedTest(name = "K = {0}, plane tile {1}")
  @CsvSource({"1, 0", "3, 0", "2, 9", "3, 5"})
  void recheckGivesFullsLabels(int k, int tile) throws Exception {
    float[] volume = ramp(SIZE);
    TilingOptions o = options(0.625).withAccumulation(Accumulation.TOPK).withTopK(k).withStreamAxis(0)
        .withPlaneTile(tile);
    try (HashedLogits model = new HashedLogits(9, ROI)) {
      short[] full = TiledInference.run(volume, SIZE, model, options(0.625).withAccumulation(Accumulation.FULL))
          .labels();
      TiledInference.Stats first = TiledInference.run(volume, SIZE, model, o.withRecheck(false)).stats();
      TiledInference.Result rechecked = TiledInference.run(volume, SIZE, model, o);
      assertArrayEquals(full, rechecked.labels());
      TiledInference.Stats stats = rechecked.stats();
      assertEquals(volume.length, stats.exactVoxels(), "every label proven: by the first pass or its recheck");
      assertEquals(volume.length - first.exactVoxels(), stats.voxelsRechecked());
      assertEquals(first.accumulationBytes(), stats.accumulationBytes());
      assertEquals(stats.voxelsRechecked() * (4 * 9 + 4), stats.recheckBytes(), "one round: 9 sums and an index");
      assertEquals(first.windowsRun() + stats.windowsRechecked(), stats.windowsRun());
      assertTrue(stats.windowsRechecked() > 0 && first.windowsSkipped() == stats.windowsSkipped());
    }
  }

  @Test
  void recheckRunsOnlyTheWindowsOverUnprovenVoxels() throws Exception {
    float[][] table = {{1.0f, 0.95f, 0f}, {0f, 0f, 0.2f}, {0.3f, 0f, 0f}};
    int[] size = {5, 1, 1};
    float[] volume = {0, 1, 2, 3, 4};
    TilingOptions o = new TilingOptions(new int[] {3, 1, 1}, new double[] {0.67, 0, 0}, BlendMode.CONSTANT, 0.125,
        1, Accumulation.TOPK, 1, true, 0, Float.NaN, 0f, 0);
    TiledInference.Result k1 = TiledInference.run(volume, size, new ScriptedLogits(table, 3, true), o);
    assertArrayEquals(new short[] {0, 0, 0, 0, 0}, k1.labels(), "voxel 1 gets FULL's label 0 back");
    assertEquals(5, k1.stats().exactVoxels());
    assertEquals(3, k1.stats().voxelsRechecked(), "voxels 1 to 3: only 0 and 4 were proven");
    assertEquals(3, k1.stats().windowsRechecked(), "one round, every window covers one of them");
    assertEquals(3 * (4 * 3 + 4), k1.stats().recheckBytes());
  }

  @Test
  void recheckRoundsStayWithinTheirBytes() throws Exception {
    float[][] table = {{1.0f, 0.95f, 0f}, {0f, 0f, 0.2f}, {0.3f, 0f, 0f}};
    int[] size = {5, 1, 1};
    int[] roi = {3, 1, 1};
    TilingOptions o = new TilingOptions(roi, new double[] {0.67, 0, 0}, BlendMode.CONSTANT, 0.125, 1,
        Accumulation.TOPK, 1, true, 0, Float.NaN, 0f, 0);
    VoxelLayout layout = new VoxelLayout(size, roi);
    WindowPass pass = new WindowPass(new float[] {0, 1, 2, 3, 4}, layout, new ScriptedLogits(table, 3, true), o, 0);
    short u = TopKAccumulator.UNPROVEN;
    short[] labels = {0, (short) (2 | u), (short) (2 | u), (short) (1 | u), 0};
    Recheck recheck = new Recheck(layout, 3, 4 * 3 + 4);
    recheck.run(labels, TiledInference.windows(new WindowGrid(size, roi, o.overlap()), 0), pass);
    assertArrayEquals(new short[] {0, 0, 0, 0, 0}, labels);
    assertEquals(3, recheck.voxels);
    assertEquals(4 * 3 + 4, recheck.bytes, "16 bytes: the 3 sums and the index of one voxel per round");
    assertEquals(2 + 3 + 2, pass.windowsRun, "each round runs the windows covering its voxel");
  }

  @Test
  void voxelsNoWindowReachesAreBackgroundAndProven() throws Exception {
    int[] size = {30, 22, 19};
    float[] volume = new float[size[0] * size[1] * size[2]];
    java.util.Arrays.fill(volume, 0, size[1] * size[2] * 8, 1f);
    try (HashedLogits model = new HashedLogits(9, ROI)) {
      TilingOptions o = options(0).withSkipBelow(0.5f).withStreamAxis(0);
      short[] full = TiledInference.run(volume, size, model, o.withAccumulation(Accumulation.FULL)).labels();
      TiledInference.Result top = TiledInference.run(volume, size, model,
          o.withAccumulation(Accumulation.TOPK).withTopK(2).withRecheck(false));
      int unreached = size[1] * size[2] * (size[0] - ROI[0]);
      for (int v = volume.length - unreached; v < volume.length; v++) {
        assertEquals(0, full[v]);
        assertEquals(0, top.labels()[v], "voxel " + v + " no window reached");
      }
      assertTrue(top.stats().exactVoxels() >= unreached);
    }
  }

  @Test
  void memoryDoesNotDependOnTheClassCount() throws Exception {
    float[] volume = ramp(SIZE);
    TilingOptions o = options(0.5).withAccumulation(Accumulation.TOPK).withTopK(3).withStreamAxis(0);
    long[] bytes = new long[2];
    int[] classes = {16, 128};
    for (int i = 0; i < 2; i++) {
      try (HashedLogits model = new HashedLogits(classes[i], ROI)) {
        bytes[i] = TiledInference.run(volume, SIZE, model, o).stats().accumulationBytes();
      }
    }
    assertEquals(bytes[0], bytes[1]);
    assertEquals((long) ROI[0] * SIZE[1] * SIZE[2] * (3 * 5 + 5), bytes[0], "R planes × plane × (5K + 5) bytes");
  }

  @ParameterizedTest(name = "{0}, tile {1}")
  @CsvSource({"STREAMING, 7", "STREAMING, 16", "TOPK, 9", "STREAMING_FP16, 11"})
  void planeTilesKeepLabelsAndBoundMemoryByTheTile(Accumulation accumulation, int tile) throws Exception {
    float[] volume = ramp(SIZE);
    TilingOptions o = options(0.5).withAccumulation(accumulation).withStreamAxis(0);
    try (HashedLogits model = new HashedLogits(6, ROI)) {
      TiledInference.Result whole = TiledInference.run(volume, SIZE, model, o);
      TiledInference.Result tiled = TiledInference.run(volume, SIZE, model, o.withPlaneTile(tile));
      assertArrayEquals(whole.labels(), tiled.labels());
      assertEquals(whole.stats().exactVoxels(), tiled.stats().exactVoxels());
      assertEquals(whole.stats().windowsTotal(), tiled.stats().windowsTotal());
      assertTrue(tiled.stats().windowsRun() > whole.stats().windowsRun(), "windows across tile borders run again");
      long perVoxel = whole.stats().accumulationBytes() / ((long) ROI[0] * SIZE[1] * SIZE[2]);
      assertEquals(perVoxel * ROI[0] * Math.min(tile, SIZE[1]) * Math.min(tile, SIZE[2]),
          tiled.stats().accumulationBytes());
    }
  }

  @Test
  void planeTilesBoundMemoryWhateverThePlaneSize() throws Exception {
    int[] wider = {SIZE[0], SIZE[1] * 3, SIZE[2] * 2};
    TilingOptions o = options(0.5).withStreamAxis(0).withPlaneTile(10);
    try (HashedLogits model = new HashedLogits(4, ROI)) {
      long small = TiledInference.run(ramp(SIZE), SIZE, model, o).stats().accumulationBytes();
      TiledInference.Result large = TiledInference.run(ramp(wider), wider, model, o);
      assertEquals(small, large.stats().accumulationBytes());
      short[] full = TiledInference.run(ramp(wider), wider, model,
          o.withPlaneTile(0).withAccumulation(Accumulation.FULL)).labels();
      assertArrayEquals(full, large.labels());
    }
  }

  @Test
  void realNetworkAgreesWhereProven() throws Exception {
    int[] roi = {24, 24, 24};
    int[] size = {40, 34, 70};
    float[] volume = ZooFixtures.phantomInput(size, 10);
    try (OrtPredictor model = ZooFixtures.open(TissueCt.build(roi))) {
      TilingOptions o = TilingOptions.of(roi, 0.625, BlendMode.GAUSSIAN).withPadValue(-1.024f);
      short[] full = TiledInference.run(volume, size, model, o.withAccumulation(Accumulation.FULL)).labels();
      TiledInference.Result top1 = TiledInference.run(volume, size, model,
          o.withAccumulation(Accumulation.TOPK).withTopK(1));
      int same = 0;
      for (int i = 0; i < full.length; i++) {
        same += full[i] == top1.labels()[i] ? 1 : 0;
      }
      assertTrue(same >= top1.stats().exactVoxels(), same + " equal labels, " + top1.stats().exactVoxels()
          + " proven");
      assertTrue(top1.stats().exactVoxels() > 0.9 * full.length, "phantom tissues are far apart: "
          + top1.stats().exactVoxels() + " of " + full.length + " proven");

    }
  }

  /** Logits that depend only on the voxel's value: one class scores 10 per window, the others −(c + 1). */
  private static final class SeparatedLogits extends VoxelwiseLogits {
    SeparatedLogits(int channels, int[] roi) {
      super(channels, roi);
    }

    @Override
    float logit(float value, int channel, int voxel) {
      int winner = Math.min(channels - 1, Math.max(0, (int) (value * channels)));
      return channel == winner ? 10f : -(channel + 1);
    }
  }

  @Test
  void wideMarginsProveEveryVoxelAndLabelsEqualFull() throws Exception {
    float[] volume = ramp(SIZE);
    try (SeparatedLogits model = new SeparatedLogits(12, ROI)) {
      TilingOptions o = options(0.625);
      short[] full = TiledInference.run(volume, SIZE, model, o.withAccumulation(Accumulation.FULL)).labels();
      TiledInference.Result top1 = TiledInference.run(volume, SIZE, model,
          o.withAccumulation(Accumulation.TOPK).withTopK(1));
      assertEquals(volume.length, top1.stats().exactVoxels(), "every voxel proven");
      assertArrayEquals(full, top1.labels());
    }
  }

  @Test
  void badSettingsAreRefusedWithTheReason() {
    IllegalArgumentException k = assertThrows(IllegalArgumentException.class,
        () -> options(0.5).withAccumulation(Accumulation.TOPK).withTopK(8));
    assertEquals("top-k needs K in [1, 7], got 8", k.getMessage());
    IllegalArgumentException tile = assertThrows(IllegalArgumentException.class,
        () -> options(0.5).withAccumulation(Accumulation.FULL).withPlaneTile(32));
    assertEquals("plane tiles bound the streaming accumulations; FULL holds the whole volume", tile.getMessage());
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
        () -> options(0.5).withPlaneTile(-1));
    assertEquals("plane tile must be 0 (whole plane) or a positive voxel count, got -1", negative.getMessage());
    IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class, () -> options(1.0));
    assertEquals("overlap 1.0 must be in [0, 1)", overlap.getMessage());
  }

  @Test
  void tooManyClassesForByteLabelsAreRefused() {
    try (HashedLogits model = new HashedLogits(257, ROI)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TiledInference.run(
          ramp(SIZE), SIZE, model, options(0.5).withAccumulation(Accumulation.TOPK)));
      assertEquals("top-k accumulation holds labels as bytes: at most 256 output channels, the model has 257",
          e.getMessage());
    }
  }
}
