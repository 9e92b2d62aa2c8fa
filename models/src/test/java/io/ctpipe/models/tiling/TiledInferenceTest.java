package io.ctpipe.models.tiling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.models.runtime.OrtPredictor;
import io.ctpipe.models.zoo.TissueCt;
import io.ctpipe.models.zoo.ZooFixtures;
import io.ctpipe.models.zoo.ZooModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The engine with a real network (tissue-ct in ONNX Runtime) on phantom anatomy: streaming labels equal full labels,
 * tiling equals one untiled pass where it must, memory does not grow with the streamed axis.
 */
class TiledInferenceTest {
  private static final int[] ROI = {24, 24, 24};
  private static final int[] SIZE = {40, 34, 70};
  private static OrtPredictor model;
  private static float[] volume;

  @BeforeAll
  static void open() throws Exception {
    model = ZooFixtures.open(TissueCt.build(ROI));
    volume = ZooFixtures.phantomInput(SIZE, 10);
  }

  @AfterAll
  static void close() throws Exception {
    model.close();
  }

  private static TilingOptions options(double overlap, BlendMode mode, int batch) {
    return TilingOptions.of(ROI, overlap, mode).withBatch(batch).withPadValue(-1.024f);
  }

  @ParameterizedTest(name = "overlap {0}, {1}, batch {2}, stream axis {3}")
  @CsvSource({"0.625, GAUSSIAN, 1, -1", "0.5, GAUSSIAN, 3, -1", "0.25, CONSTANT, 2, -1", "0.5, GAUSSIAN, 1, 0",
      "0.625, CONSTANT, 4, 1", "0.0, GAUSSIAN, 1, 2"})
  void streamingLabelsEqualFull(double overlap, BlendMode mode, int batch, int axis) throws Exception {
    TilingOptions o = options(overlap, mode, batch).withStreamAxis(axis);
    TiledInference.Result full = TiledInference.run(volume, SIZE, model, o.withAccumulation(Accumulation.FULL));
    TiledInference.Result streaming = TiledInference.run(volume, SIZE, model,
        o.withAccumulation(Accumulation.STREAMING));
    assertArrayEquals(full.labels(), streaming.labels());
    assertTrue(streaming.stats().accumulationBytes() < full.stats().accumulationBytes());
    assertEquals(full.stats().windowsRun(), streaming.stats().windowsRun());
    long classes = java.util.stream.IntStream.range(0, full.labels().length).map(i -> full.labels()[i]).distinct()
        .count();
    assertTrue(classes >= 4, "the phantom shows at least air, lung, fat, soft tissue: " + classes);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Accumulation.class)
  void labelsDoNotDependOnTheThreadCount(Accumulation accumulation) throws Exception {
    TilingOptions o = options(0.625, BlendMode.GAUSSIAN, 2).withStreamAxis(2).withAccumulation(accumulation);
    TiledInference.Result one = TiledInference.run(volume, SIZE, model, o, 1);
    TiledInference.Result three = TiledInference.run(volume, SIZE, model, o, 3);
    assertArrayEquals(one.labels(), three.labels());
    assertEquals(one.stats().exactVoxels(), three.stats().exactVoxels());
  }

  @Test
  void streamingAlongTheFastestAxisEqualsFullWhereTheRingWrapsInsideRows() throws Exception {
    TilingOptions o = options(0.625, BlendMode.GAUSSIAN, 1).withStreamAxis(2);
    short[] full = TiledInference.run(volume, SIZE, model, o.withAccumulation(Accumulation.FULL), 3).labels();
    TiledInference.Result streaming = TiledInference.run(volume, SIZE, model, o.withPlaneTile(16), 3);
    assertArrayEquals(full, streaming.labels());
    assertEquals(full.length, streaming.stats().exactVoxels());
  }

  @Test
  void zeroThreadsIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TiledInference.run(volume, SIZE,
        model, options(0.5, BlendMode.GAUSSIAN, 1), 0));
    assertEquals("the tiler needs at least one thread, got 0", e.getMessage());
  }

  @Test
  void halfPrecisionBandAgreesClosely() throws Exception {
    TilingOptions o = options(0.625, BlendMode.GAUSSIAN, 1);
    short[] full = TiledInference.run(volume, SIZE, model, o.withAccumulation(Accumulation.FULL)).labels();
    TiledInference.Result half = TiledInference.run(volume, SIZE, model,
        o.withAccumulation(Accumulation.STREAMING_FP16));
    int same = 0;
    for (int i = 0; i < full.length; i++) {
      same += full[i] == half.labels()[i] ? 1 : 0;
    }
    assertTrue(same >= 0.999 * full.length, "fp16 band agreement " + same / (double) full.length);
    TiledInference.Result streaming = TiledInference.run(volume, SIZE, model, o);
    assertEquals(streaming.stats().accumulationBytes() / 2, half.stats().accumulationBytes());
  }

  @Test
  void streamingMemoryDoesNotGrowWithTheStreamedAxis() throws Exception {
    int[] longer = {SIZE[0], SIZE[1], SIZE[2] * 2};
    float[] deeper = ZooFixtures.phantomInput(longer, 10);
    TilingOptions o = options(0.5, BlendMode.GAUSSIAN, 1).withStreamAxis(2);
    long shortBytes = TiledInference.run(volume, SIZE, model, o).stats().accumulationBytes();
    long longBytes = TiledInference.run(deeper, longer, model, o).stats().accumulationBytes();
    assertEquals(shortBytes, longBytes);
    assertEquals(5L * ROI[2] * SIZE[0] * SIZE[1] * 4, shortBytes, "5 classes × R planes × plane × float");
    long fullShort = TiledInference.run(volume, SIZE, model, o.withAccumulation(Accumulation.FULL)).stats()
        .accumulationBytes();
    long fullLong = TiledInference.run(deeper, longer, model, o.withAccumulation(Accumulation.FULL)).stats()
        .accumulationBytes();
    assertEquals(2 * fullShort, fullLong);
  }

  /**
   * A volume smaller than the ROI is one window: its labels must equal one network pass over the volume padded by
   * hand (half before, rest after), cropped back and reduced by argmax.
   */
  @Test
  void volumeSmallerThanTheRoiEqualsOneUntiledPass() throws Exception {
    int[] small = {20, 17, 22};
    float pad = -1.024f;
    float[] v = ZooFixtures.phantomInput(small, 20);
    TiledInference.Result tiled = TiledInference.run(v, small, model,
        TilingOptions.of(ROI, 0.5, BlendMode.GAUSSIAN).withPadValue(pad));
    assertEquals(1, tiled.stats().windowsTotal());

    int[] before = {(ROI[0] - small[0]) / 2, (ROI[1] - small[1]) / 2, (ROI[2] - small[2]) / 2};
    java.nio.FloatBuffer input = model.inputBuffer(1);
    for (int i = 0; i < ROI[0] * ROI[1] * ROI[2]; i++) {
      input.put(i, pad);
    }
    for (int x = 0; x < small[0]; x++) {
      for (int y = 0; y < small[1]; y++) {
        for (int z = 0; z < small[2]; z++) {
          input.put(((x + before[0]) * ROI[1] + y + before[1]) * ROI[2] + z + before[2],
              v[(x * small[1] + y) * small[2] + z]);
        }
      }
    }
    java.nio.FloatBuffer logits = model.predict(1);
    int windowVoxels = ROI[0] * ROI[1] * ROI[2];
    for (int x = 0; x < small[0]; x++) {
      for (int y = 0; y < small[1]; y++) {
        for (int z = 0; z < small[2]; z++) {
          int w = ((x + before[0]) * ROI[1] + y + before[1]) * ROI[2] + z + before[2];
          int best = 0;
          for (int c = 1; c < model.outputChannels(); c++) {
            if (logits.get(c * windowVoxels + w) > logits.get(best * windowVoxels + w)) {
              best = c;
            }
          }
          assertEquals(best, tiled.labels()[(x * small[1] + y) * small[2] + z], "voxel " + x + "," + y + "," + z);
        }
      }
    }
  }

  @Test
  void airWindowsCanBeSkipped() throws Exception {
    int[] roi = {8, 8, 8};
    float[] wide = ZooFixtures.phantomInput(SIZE, 20);
    try (OrtPredictor small = ZooFixtures.open(TissueCt.build(roi))) {
      TilingOptions o = TilingOptions.of(roi, 0.25, BlendMode.GAUSSIAN).withPadValue(-1.024f);
      assertSkipping(wide, small, o);
    }
  }

  private static void assertSkipping(float[] volume, OrtPredictor model, TilingOptions o)
      throws Exception {
    TiledInference.Result all = TiledInference.run(volume, SIZE, model, o);
    TiledInference.Result skipping = TiledInference.run(volume, SIZE, model, o.withSkipBelow(-0.9f));
    assertEquals(all.stats().windowsTotal(), skipping.stats().windowsTotal());
    assertTrue(skipping.stats().windowsSkipped() > 0, "the phantom's corners are air");
    assertEquals(all.stats().windowsTotal(), skipping.stats().windowsRun() + skipping.stats().windowsSkipped());
    int same = 0;
    for (int i = 0; i < all.labels().length; i++) {
      same += all.labels()[i] == skipping.labels()[i] ? 1 : 0;
    }
    int[][] confusion = new int[6][6];
    for (int i = 0; i < all.labels().length; i++) {
      confusion[all.labels()[i]][skipping.labels()[i]]++;
    }
    assertTrue(same >= 0.99 * all.labels().length, "agreement " + same / (double) all.labels().length + " "
        + java.util.Arrays.deepToString(confusion) + " " + skipping.stats());
  }
}
