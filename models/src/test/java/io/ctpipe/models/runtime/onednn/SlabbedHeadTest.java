package io.ctpipe.models.runtime.onednn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.models.runtime.Precision;
import io.ctpipe.models.tiling.Accumulation;
import io.ctpipe.models.tiling.BlendMode;
import io.ctpipe.models.tiling.TiledInference;
import io.ctpipe.models.tiling.TilingOptions;
import io.ctpipe.models.tiling.WindowPredictor;
import io.ctpipe.models.zoo.OnnxGraph;
import io.ctpipe.models.zoo.OnnxGraph.Attribute;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A 120-class 1×1×1 head at 64³ runs in four slabs of 16 planes (the 32 MB slab budget): handing the slabs to the
 * accumulator gives exactly the labels of handing it whole windows, in every accumulation mode and with batches,
 * and predict() reassembles the whole output equal to ONNX Runtime's.
 */
class SlabbedHeadTest {
  private static final int[] ROI = {64, 64, 64};
  private static final int CLASSES = 120;

  private static byte[] head() {
    Random random = new Random(4);
    OnnxGraph g = new OnnxGraph("head");
    g.input("x", 1, ROI);
    float[] w = new float[CLASSES];
    float[] b = new float[CLASSES];
    for (int c = 0; c < CLASSES; c++) {
      w[c] = (float) random.nextGaussian();
      b[c] = (float) random.nextGaussian();
    }
    String mid = g.node("Relu", List.of(g.node("Conv", List.of("x", g.initializer("w0", new long[] {4, 1, 3, 3, 3},
        gaussian(random, 108)), g.initializer("b0", new long[] {4}, gaussian(random, 4))), null,
        Attribute.ints("kernel_shape", 3, 3, 3), Attribute.ints("pads", 1, 1, 1, 1, 1, 1))), null);
    g.node("Conv", List.of(mid, g.initializer("w", new long[] {CLASSES, 4, 1, 1, 1}, gaussian(random, 4 * CLASSES)),
        g.initializer("b", new long[] {CLASSES}, b)), "y", Attribute.ints("kernel_shape", 1, 1, 1));
    g.output("y", CLASSES, ROI);
    return g.toBytes();
  }

  @Test
  void slabsGiveTheLabelsOfWholeWindows() throws Exception {
    byte[] onnx = head();
    int[] size = {70, 90, 100};
    Random random = new Random(9);
    float[] volume = gaussian(random, size[0] * size[1] * size[2]);
    try (OneDnnPredictor predictor = new OneDnnPredictor(OneDnnNetworks.acquire(() -> onnx, OrtReference.sha(onnx),
        null, null, ROI, Precision.FP32, CpuFeatures.detected()), ROI, null)) {
      CompiledPlan plan = predictor.lease().network().plan(1, ROI);
      assertTrue(plan.slabbed);
      assertEquals(4, plan.steps.stream().filter(s -> s.slab != null).count(), "four slabs of 16 planes");
      WindowPredictor whole = wholeWindows(predictor);
      for (Accumulation accumulation : Accumulation.values()) {
        for (int batch : new int[] {1, 2}) {
          TilingOptions o = TilingOptions.of(ROI, 0.5, BlendMode.GAUSSIAN).withAccumulation(accumulation)
              .withBatch(batch);
          short[] slabbed = TiledInference.run(volume, size, predictor, o).labels();
          short[] windows = TiledInference.run(volume, size, whole, o).labels();
          assertArrayEquals(windows, slabbed, accumulation + ", batch " + batch);
        }
      }
    }
  }

  @Test
  void predictReassemblesTheWholeOutput() throws Exception {
    byte[] onnx = head();
    long[] dims = {2, 1, 64, 64, 64};
    float[] input = gaussian(new Random(3), 2 * 64 * 64 * 64);
    double error = OrtReference.relativeError(OrtReference.oneDnn(onnx, dims, input, Precision.FP32),
        OrtReference.run(onnx, dims, input));
    assertTrue(error < 1e-4, "relative error " + error);
  }

  /** The same predictor seen only through predict(): the tiling engine gets whole windows. */
  private static WindowPredictor wholeWindows(WindowPredictor p) {
    return new WindowPredictor() {
      @Override
      public int outputChannels() {
        return p.outputChannels();
      }

      @Override
      public FloatBuffer inputBuffer(int batch) {
        return p.inputBuffer(batch);
      }

      @Override
      public FloatBuffer predict(int batch) throws Exception {
        return p.predict(batch);
      }

      @Override
      public void close() {
      }
    };
  }

  private static float[] gaussian(Random random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }
}
