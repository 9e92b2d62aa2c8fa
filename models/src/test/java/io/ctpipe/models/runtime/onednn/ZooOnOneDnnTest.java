package io.ctpipe.models.runtime.onednn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.models.runtime.Precision;
import io.ctpipe.models.zoo.BprVgg16;
import io.ctpipe.models.zoo.SegResNets;
import io.ctpipe.models.zoo.TissueCt;
import io.ctpipe.models.zoo.ZooFixtures;
import io.ctpipe.models.zoo.ZooModel;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each zoo network on the oneDNN engine against ONNX Runtime: logits within 1e-3 relative, labels equal. */
class ZooOnOneDnnTest {
  @Test
  void tissueCt() throws Exception {
    int[] roi = {32, 40, 48};
    compare(TissueCt.build(roi), ZooFixtures.phantomInput(roi, 6.0));
  }

  @Test
  void segResNetDefaultWithGroupNormAndTrilinearUpsampling() throws Exception {
    int[] roi = {32, 32, 32};
    compare(SegResNets.segResNet("segresnet-test", 3, roi, 7), ZooFixtures.phantomInput(roi, 8.0));
  }

  @Test
  void segResNetDsWithInstanceNormAndTransposedConvolutions() throws Exception {
    int[] roi = {32, 32, 32};
    compare(SegResNets.segResNetDs("segresnetds-test", 5, roi, 7), ZooFixtures.phantomInput(roi, 8.0));
  }

  @Test
  void bprVgg16On2dSlices() throws Exception {
    ZooModel model = BprVgg16.build(3);
    float[] slices = new float[2 * 128 * 128];
    Random random = new Random(1);
    for (int i = 0; i < slices.length; i++) {
      slices[i] = (float) (random.nextGaussian() * 0.5);
    }
    long[] dims = {2, 1, 128, 128};
    float[] ort = OrtReference.run(model.onnx(), dims, slices);
    float[] ours = OrtReference.oneDnn(model.onnx(), dims, slices, Precision.FP32);
    assertTrue(OrtReference.relativeError(ours, ort) < 1e-3, "relative error "
        + OrtReference.relativeError(ours, ort));
  }

  private static void compare(ZooModel model, float[] input) throws Exception {
    int[] roi = model.roi();
    long[] dims = {1, 1, roi[0], roi[1], roi[2]};
    float[] ort = OrtReference.run(model.onnx(), dims, input);
    float[] ours = OrtReference.oneDnn(model.onnx(), dims, input, Precision.FP32);
    double error = OrtReference.relativeError(ours, ort);
    assertTrue(error < 1e-3, model.id() + ": relative error " + error);
    assertEquals(1.0, OrtReference.argmaxAgreement(ours, ort, model.outChannels()), 1e-4, model.id()
        + ": argmax agreement");
  }
}
