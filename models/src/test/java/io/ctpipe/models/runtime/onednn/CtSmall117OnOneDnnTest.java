package io.ctpipe.models.runtime.onednn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.dicom.labelmap.NiftiReader;
import io.ctpipe.dicom.testing.SharedData;
import io.ctpipe.dicom.volume.HuVolume;
import io.ctpipe.models.segment.Segmenter;
import io.ctpipe.models.card.ModelCard;
import io.ctpipe.models.card.ModelCards;
import io.ctpipe.models.runtime.Backend;
import io.ctpipe.models.runtime.InferenceBackends;
import io.ctpipe.models.runtime.InferenceSettings;
import io.ctpipe.models.runtime.OpenedNetwork;
import io.ctpipe.models.runtime.Precision;
import io.ctpipe.models.testing.Npy;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The trained shared/models/ct-small-117 on the oneDNN engine: fp32 logits within 1e-3 relative of ONNX Runtime's
 * on the card's reference input, and labels equal to ONNX Runtime's and PyTorch's but for near-ties (measured: 10 and
 * 11 of 884,736 voxels; ONNX Runtime and PyTorch differ on 1); bf16 keeps the reference label on at least 99.5 %.
 */
class CtSmall117OnOneDnnTest {
  private static final int R = 96;
  private static final int CHANNELS = 118;

  @Test
  void fp32EqualsOnnxRuntimeAndKeepsThePyTorchLabels() throws Exception {
    Reference ref = Reference.load();
    float[] logits = run(ref, Precision.FP32);
    float[] ort = run(ref, Backend.ONNXRUNTIME, Precision.FP32);
    double relative = OrtReference.relativeError(logits, ort);
    System.out.printf("ct-small-117 fp32: max |oneDNN − ORT| / max |ORT| %.2e, labels = ORT %.5f %%, = PyTorch "
        + "%.5f %%%n", relative, 100 * OrtReference.argmaxAgreement(logits, ort, CHANNELS), 100 * ref.agreement(logits));
    assertTrue(relative < 1e-3, "relative error against ONNX Runtime " + relative);
    assertTrue(OrtReference.argmaxAgreement(logits, ort, CHANNELS) >= 0.99995, "labels against ONNX Runtime");
    assertTrue(ref.agreement(logits) >= 0.99995, "argmax agreement with PyTorch " + ref.agreement(logits));
  }

  @Test
  void bf16KeepsTheReferenceLabelOnAlmostEveryVoxel() throws Exception {
    Reference ref = Reference.load();
    double agreement = ref.agreement(run(ref, Precision.BF16));
    System.out.printf("ct-small-117 bf16 argmax agreement with PyTorch fp32: %.4f %%%n", 100 * agreement);
    assertTrue(agreement >= 0.995, "bf16 argmax agreement " + agreement);
  }

  /** bf16 over the model's whole training CT (shared data), tiled as the card says, against ONNX Runtime fp32. */
  @Test
  void bf16KeepsTheFp32LabelsOfARealCt() throws Exception {
    Reference ref = Reference.load();
    HuVolume ct = NiftiReader.readCt(SharedData.require("reference/totalseg-nifti-example/example_ct.nii.gz"));
    short[] fp32 = labels(ref.card, ct, Backend.ONNXRUNTIME, Precision.FP32);
    short[] bf16 = labels(ref.card, ct, Backend.ONEDNN, Precision.BF16);
    int same = 0;
    for (int i = 0; i < fp32.length; i++) {
      same += fp32[i] == bf16[i] ? 1 : 0;
    }
    double agreement = same / (double) fp32.length;
    System.out.printf("ct-small-117 bf16 on its training CT: label agreement with ONNX Runtime fp32 %.4f %%%n",
        100 * agreement);
    assertTrue(agreement >= 0.995, "bf16 agreement " + agreement);
  }

  private static short[] labels(ModelCard card, HuVolume ct, Backend backend, Precision precision)
      throws Exception {
    try (Segmenter segmenter = new Segmenter(card, new InferenceSettings(backend, precision, 2))) {
      return segmenter.segment(ct, segmenter.defaultOptions()).labels().labels();
    }
  }

  private static float[] run(Reference ref, Precision precision) throws Exception {
    return run(ref, Backend.ONEDNN, precision);
  }

  private static float[] run(Reference ref, Backend backend, Precision precision) throws Exception {
    try (OpenedNetwork network = InferenceBackends.open(ref.card.network(ModelCards.verifiedSha256(ref.card)),
        ref.card.roiSize(), new InferenceSettings(backend, precision, 2))) {
      assertEquals(backend, network.backend());
      assertEquals(precision, network.precision());
      network.predictor().inputBuffer(1).put(0, ref.input);
      FloatBuffer out = network.predictor().predict(1);
      float[] logits = new float[out.remaining()];
      out.get(logits);
      return logits;
    }
  }

  private record Reference(ModelCard card, float[] input, byte[] argmax) {
    static Reference load() throws Exception {
      Path folder = SharedData.requireInShared("models/ct-small-117");
      return new Reference(ModelCards.read(folder.resolve("card.json")),
          Npy.readFloats(folder.resolve("reference_input.npy")), Npy.readBytes(folder.resolve("reference_argmax.npy")));
    }

    double agreement(float[] logits) {
      int voxels = R * R * R;
      int agree = 0;
      for (int v = 0; v < voxels; v++) {
        agree += OrtReference.argmax(logits, v, voxels, CHANNELS) == (argmax[v] & 0xFF) ? 1 : 0;
      }
      return agree / (double) voxels;
    }
  }
}
