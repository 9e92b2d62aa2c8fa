package io.ctpipe.models.runtime.onednn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.models.optimize.QdqQuantizer;
import io.ctpipe.models.runtime.Precision;
import io.ctpipe.models.zoo.TissueCt;
import io.ctpipe.models.zoo.ZooFixtures;
import io.ctpipe.models.zoo.ZooModel;
import java.nio.FloatBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * int8 on the oneDNN engine from a QDQ model (tissue-ct quantised on phantom windows): quantised convolutions run as
 * u8·s8 kernels, labels agree with fp32; a model without QDQ nodes is refused for int8; a QDQ model runs in fp32
 * with its weights dequantised.
 */
class Int8Test {
  private static final int[] ROI = {32, 32, 32};

  private static byte[] quantizedTissueCt(ZooModel model) throws Exception {
    List<float[]> calibration = List.of(ZooFixtures.phantomInput(ROI, 6.0), ZooFixtures.phantomInput(ROI, 10.0));
    QdqQuantizer.Result result = QdqQuantizer.quantize(model.onnx(), "input", new long[] {1, 1, 32, 32, 32},
        calibration);
    assertTrue(result.quantizedConvolutions() > 0);
    return result.onnx();
  }

  @Test
  void int8ConvolutionsKeepTheFloatLabels() throws Exception {
    ZooModel model = TissueCt.build(ROI);
    byte[] qdq = quantizedTissueCt(model);
    float[] input = ZooFixtures.phantomInput(ROI, 8.0);
    long[] dims = {1, 1, 32, 32, 32};
    float[] fp32 = OrtReference.oneDnn(model.onnx(), dims, input, Precision.FP32);
    float[] int8 = OrtReference.oneDnn(qdq, dims, input, Precision.INT8);
    double agreement = OrtReference.argmaxAgreement(int8, fp32, model.outChannels());
    System.out.printf("tissue-ct int8 label agreement with fp32: %.4f %%%n", 100 * agreement);
    assertTrue(agreement >= 0.99, "int8 agreement " + agreement);
    try (OneDnnNetwork network = OneDnnNetwork.load(() -> qdq, null, null, ROI, Precision.INT8,
        CpuFeatures.detected())) {
      CompiledPlan plan = network.plan(1, ROI);
      assertTrue(plan.steps.stream().anyMatch(s -> s.label.startsWith("Quantize ")), "a u8 quantisation step");
      assertTrue(plan.values.stream().anyMatch(v -> v.type == org.bytedeco.dnnl.memory.data_type.u8));
    }
  }

  @Test
  void aQdqModelRunsInFp32WithItsWeightsDequantised() throws Exception {
    ZooModel model = TissueCt.build(ROI);
    float[] input = ZooFixtures.phantomInput(ROI, 8.0);
    long[] dims = {1, 1, 32, 32, 32};
    float[] fp32 = OrtReference.oneDnn(model.onnx(), dims, input, Precision.FP32);
    float[] dequantised = OrtReference.oneDnn(quantizedTissueCt(model), dims, input, Precision.FP32);
    assertTrue(OrtReference.argmaxAgreement(dequantised, fp32, model.outChannels()) >= 0.99);
  }

  @Test
  void int8NeedsAQuantisedModel() {
    ZooModel model = TissueCt.build(ROI);
    UnsupportedModelException e = assertThrows(UnsupportedModelException.class, () -> OneDnnNetwork.load(
        model::onnx, null, null, ROI, Precision.INT8, CpuFeatures.detected()));
    assertEquals("int8 needs a model with quantised (QDQ) convolutions; write one with 'ctpipe models quantize'",
        e.getMessage());
  }

  @Test
  void outputsAreFiniteAndShaped() throws Exception {
    ZooModel model = TissueCt.build(ROI);
    byte[] qdq = quantizedTissueCt(model);
    try (OneDnnPredictor p = new OneDnnPredictor(OneDnnNetworks.acquire(() -> qdq, OrtReference.sha(qdq), null, null,
        ROI, Precision.INT8, CpuFeatures.detected()), ROI, null)) {
      p.inputBuffer(2).put(ZooFixtures.phantomInput(ROI, 8.0)).put(ZooFixtures.phantomInput(ROI, 12.0));
      FloatBuffer out = p.predict(2);
      assertEquals(2 * model.outChannels() * 32 * 32 * 32, out.remaining());
      while (out.hasRemaining()) {
        assertTrue(Float.isFinite(out.get()));
      }
    }
  }
}
