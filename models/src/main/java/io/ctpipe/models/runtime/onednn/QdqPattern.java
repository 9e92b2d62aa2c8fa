package io.ctpipe.models.runtime.onednn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the QDQ form of a quantised model (as {@code ctpipe models quantize} and ONNX Runtime's tools write it):
 * DequantizeLinear of int8 weights with one scale per output channel, and QuantizeLinear → DequantizeLinear pairs
 * on activations with a per-tensor scale and zero point. For int8 runs the weights stay int8 and each pair's scale
 * and zero point are noted for the value it quantises; otherwise the weights are dequantised to float. Either way
 * the activation pairs leave the graph (values between layers stay in the precision's float type).
 */
final class QdqPattern {
  /** Per-channel int8 weights: their values and scales. */
  record QuantizedWeights(ConstantTensor values, float[] scales) {}

  /** Per-tensor u8 quantisation of an activation. */
  record ActivationScale(float scale, int zeroPoint) {}

  /** What an int8 run needs: quantised weights by value name, activation scales by value name. */
  record Quantization(Map<String, QuantizedWeights> weights, Map<String, ActivationScale> activations) {
    boolean isEmpty() {
      return weights.isEmpty();
    }
  }

  record Folded(List<OnnxNode> nodes, Quantization quantization) {}

  private QdqPattern() {}

  static Folded fold(List<OnnxNode> nodes, Map<String, ConstantTensor> constants, boolean int8)
      throws UnsupportedModelException {
    Map<String, QuantizedWeights> weights = new HashMap<>();
    Map<String, ActivationScale> activations = new HashMap<>();
    Map<String, String> aliases = new HashMap<>();
    Map<String, OnnxNode> quantizers = new HashMap<>();
    Set<OnnxNode> dropped = new HashSet<>();
    for (OnnxNode n : nodes) {
      if (n.op().equals("QuantizeLinear")) {
        quantizers.put(n.output(), n);
      } else if (n.op().equals("DequantizeLinear") && constants.containsKey(n.input(0))) {
        dequantizeWeights(n, constants, weights, int8);
        dropped.add(n);
      } else if (n.op().equals("DequantizeLinear") && quantizers.containsKey(n.input(0))) {
        OnnxNode q = quantizers.get(n.input(0));
        aliases.put(n.output(), q.input(0));
        ConstantTensor scale = constants.get(q.input(1));
        ConstantTensor zero = q.input(2).isEmpty() ? null : constants.get(q.input(2));
        if (scale == null || scale.elements() != 1 || (zero != null && zero.elements() != 1)) {
          throw new UnsupportedModelException(q.describe() + ": only per-tensor constant scales and zero points "
              + "are supported on activations");
        }
        activations.put(q.input(0), new ActivationScale(scale.asFloats()[0],
            zero == null ? 0 : (int) zero.asInts()[0]));
        dropped.add(q);
        dropped.add(n);
      }
    }
    List<OnnxNode> out = new ArrayList<>();
    for (OnnxNode n : nodes) {
      if (!dropped.contains(n)) {
        out.add(aliases.isEmpty() ? n : new OnnxNode(n.op(), n.name(), n.inputs().stream()
            .map(i -> aliases.getOrDefault(i, i)).toList(), n.outputs(), n.attributes()));
      }
    }
    return new Folded(out, new Quantization(weights, activations));
  }

  private static void dequantizeWeights(OnnxNode n, Map<String, ConstantTensor> constants,
      Map<String, QuantizedWeights> weights, boolean int8) throws UnsupportedModelException {
    ConstantTensor q = constants.get(n.input(0));
    ConstantTensor scale = constants.get(n.input(1));
    ConstantTensor zero = n.input(2).isEmpty() ? null : constants.get(n.input(2));
    if (scale == null) {
      throw new UnsupportedModelException(n.describe() + ": its scale must be a constant");
    }
    long channels = q.dims().length > 0 ? q.dims()[0] : 1;
    boolean perChannel = scale.elements() == channels && n.integer("axis", 1) == 0 || scale.elements() == 1;
    if (!perChannel || (zero != null && !zero.allEqual(0))) {
      throw new UnsupportedModelException(n.describe() + ": only symmetric weights with one scale per tensor or "
          + "per output channel (axis 0) are supported");
    }
    float[] scales = new float[(int) channels];
    float[] given = scale.asFloats();
    for (int c = 0; c < channels; c++) {
      scales[c] = given.length == 1 ? given[0] : given[c];
    }
    if (int8 && q.int8Bytes() != null) {
      weights.put(n.output(), new QuantizedWeights(q, scales));
      constants.put(n.output(), q);
      return;
    }
    float[] values = q.asFloats();
    int per = (int) (values.length / channels);
    for (int i = 0; i < values.length; i++) {
      values[i] *= scales[i / per];
    }
    constants.put(n.output(), ConstantTensor.ofFloats(q.dims(), values));
  }
}
