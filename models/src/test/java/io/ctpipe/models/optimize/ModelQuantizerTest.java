package io.ctpipe.models.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import io.ctpipe.dicom.labelmap.NiftiReader;
import io.ctpipe.dicom.testing.SharedData;
import io.ctpipe.dicom.volume.HuVolume;
import io.ctpipe.models.runtime.Backend;
import io.ctpipe.models.runtime.InferenceBackends;
import io.ctpipe.models.runtime.OpenedNetwork;
import java.nio.FloatBuffer;
import io.ctpipe.models.runtime.InferenceSettings;
import io.ctpipe.models.runtime.Precision;
import java.util.List;
import io.ctpipe.models.card.ModelCard;
import io.ctpipe.models.card.ModelCards;
import io.ctpipe.models.segment.Segmenter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** int8 QDQ copies of a trained network keep its labels on real CT. */
class ModelQuantizerTest {
  @TempDir
  Path dir;

  @Test
  void ctSmall117Int8KeepsItsLabels() throws Exception {
    Path card = SharedData.requireInShared("models/ct-small-117/card.json");
    HuVolume ct = NiftiReader.readCt(SharedData.require("reference/totalseg-nifti-example/example_ct.nii.gz"));
    Path int8Card = ModelQuantizer.quantize(card, ct, dir);
    ModelCard quantized = ModelCards.read(int8Card);
    assertEquals("ct-small-117-int8", quantized.id());
    assertEquals(quantized.sha256(), ModelCards.verifiedSha256(quantized));
    OnnxMl.GraphProto graph = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(quantized.file())).getGraph();
    long quantizeNodes = graph.getNodeList().stream().filter(n -> n.getOpType().equals("QuantizeLinear")).count();
    assertTrue(quantizeNodes > 20, "QuantizeLinear nodes: " + quantizeNodes);

    assertEquals(Precision.INT8, quantized.precision(), "the card says what the model is");
    ModelCard original = ModelCards.read(card);
    assertEquals(original.file().toAbsolutePath().normalize(), quantized.fp32Source().file().toAbsolutePath());
    assertEquals(ModelCards.verifiedSha256(original), quantized.fp32Source().sha256());
    assertEquals(0, maxDifferenceOnAConstantWindow(original, quantized),
        "a constant window runs in fp32 on the fp32 source, not on the int8-rounded weights");

    short[] floatLabels = labels(ModelCards.read(card), ct, Backend.ONNXRUNTIME, Precision.FP32);
    for (Backend backend : List.of(Backend.ONNXRUNTIME, Backend.ONEDNN)) {
      short[] int8Labels = labels(quantized, ct, backend, Precision.INT8);
      int same = 0;
      for (int i = 0; i < floatLabels.length; i++) {
        same += floatLabels[i] == int8Labels[i] ? 1 : 0;
      }
      System.out.printf("ct-small-117 int8 on %s: label agreement with fp32 %.4f %%%n", backend.label(),
          100.0 * same / floatLabels.length);
      assertTrue(same >= 0.99 * floatLabels.length, backend + " int8 label agreement " + same
          / (double) floatLabels.length);
    }
  }

  /** The largest logit difference between the fp32 card and its int8 copy on a window of nothing but padding. */
  private static double maxDifferenceOnAConstantWindow(ModelCard fp32, ModelCard int8) throws Exception {
    float[] a = constantWindowLogits(fp32, Precision.FP32);
    float[] b = constantWindowLogits(int8, Precision.INT8);
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  private static float[] constantWindowLogits(ModelCard card, Precision precision) throws Exception {
    int[] roi = card.roiSize();
    try (OpenedNetwork network = InferenceBackends.open(card.network(ModelCards.verifiedSha256(card)), roi,
        new InferenceSettings(Backend.ONEDNN, precision, 2))) {
      FloatBuffer input = network.predictor().inputBuffer(1);
      for (int i = 0; i < input.capacity(); i++) {
        input.put(i, card.padValue());
      }
      FloatBuffer out = network.predictor().predict(1);
      float[] logits = new float[out.remaining()];
      out.get(logits);
      return logits;
    }
  }

  private static short[] labels(ModelCard card, HuVolume ct, Backend backend, Precision precision)
      throws Exception {
    try (Segmenter segmenter = new Segmenter(card, new InferenceSettings(backend, precision, 2))) {
      assertEquals(backend, segmenter.network().backend());
      assertEquals(precision, segmenter.network().precision());
      return segmenter.segment(ct, segmenter.defaultOptions()).labels().labels();
    }
  }
}
