package io.ctpipe.models.optimize;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites the bias-free 3D convolutions of an ONNX network into ONNX Runtime's QDQ form: weights int8 with one
 * symmetric scale per output channel, input and output activations uint8 with ranges calibrated on CT windows
 * (QuantizeLinear → DequantizeLinear around each). ONNX Runtime fuses each such group into an integer QLinearConv
 * (VNNI on x86). Other nodes, convolutions with a bias and transposed convolutions stay float.
 */
public final class QdqQuantizer {
  private QdqQuantizer() {}

  /** The quantised model and how many convolutions were rewritten. */
  public record Result(byte[] onnx, int quantizedConvolutions) {}

  public static Result quantize(byte[] onnx, String inputName, long[] windowShape, List<float[]> calibration)
      throws Exception {
    OnnxMl.ModelProto model = OnnxMl.ModelProto.parseFrom(onnx);
    OnnxMl.GraphProto graph = model.getGraph();
    Map<String, OnnxMl.TensorProto> initializers = new HashMap<>();
    for (OnnxMl.TensorProto t : graph.getInitializerList()) {
      initializers.put(t.getName(), t);
    }
    List<OnnxMl.NodeProto> convolutions = new ArrayList<>();
    Set<String> activations = new LinkedHashSet<>();
    for (OnnxMl.NodeProto n : graph.getNodeList()) {
      if (n.getOpType().equals("Conv") && n.getInputCount() == 2 && initializers.containsKey(n.getInput(1))
          && initializers.get(n.getInput(1)).getDimsCount() == 5) {
        convolutions.add(n);
        activations.add(n.getInput(0));
        activations.add(n.getOutput(0));
      }
    }
    Map<String, float[]> ranges = ActivationRanges.measure(model, new ArrayList<>(activations), inputName,
        windowShape, calibration);
    Set<String> graphOutputs = new java.util.HashSet<>();
    graph.getOutputList().forEach(o -> graphOutputs.add(o.getName()));
    Set<OnnxMl.NodeProto> rewritten = new java.util.HashSet<>(convolutions);
    OnnxMl.GraphProto.Builder out = graph.toBuilder().clearNode().clearInitializer();
    Set<String> replacedWeights = new java.util.HashSet<>();
    convolutions.forEach(c -> replacedWeights.add(c.getInput(1)));
    for (OnnxMl.NodeProto n : graph.getNodeList()) {
      if (!rewritten.contains(n)) {
        n.getInputList().forEach(replacedWeights::remove); // still used in float elsewhere
      }
    }
    graph.getInitializerList().stream().filter(t -> !replacedWeights.contains(t.getName()))
        .forEach(out::addInitializer);
    Map<String, String> dequantized = new HashMap<>();
    for (OnnxMl.NodeProto n : graph.getNodeList()) {
      OnnxMl.NodeProto.Builder node = n.toBuilder();
      for (int i = 0; i < node.getInputCount(); i++) {
        node.setInput(i, dequantized.getOrDefault(node.getInput(i), node.getInput(i)));
      }
      if (!rewritten.contains(n)) {
        out.addNode(node);
        continue;
      }
      String x = n.getInput(0);
      if (!dequantized.containsKey(x)) {
        dequantized.put(x, qdq(out, x, ranges.get(x)));
      }
      node.setInput(0, dequantized.get(x)).setInput(1, weight(out, initializers.get(n.getInput(1))));
      String y = n.getOutput(0);
      if (graphOutputs.contains(y)) {
        out.addNode(node);
        continue;
      }
      String raw = y + "_float";
      out.addNode(node.setOutput(0, raw));
      dequantized.put(y, qdq(out, raw, ranges.get(y)));
    }
    return new Result(model.toBuilder().setGraph(out).build().toByteArray(), convolutions.size());
  }

  /** QuantizeLinear → DequantizeLinear with a uint8 asymmetric scale covering [min, max] (and 0). */
  private static String qdq(OnnxMl.GraphProto.Builder g, String tensor, float[] range) {
    float min = Math.min(0, range[0]);
    float max = Math.max(0, range[1]);
    float scale = max > min ? (max - min) / 255f : 1f;
    int zero = Math.max(0, Math.min(255, Math.round(-min / scale)));
    String s = floatScalar(g, tensor + "_scale", scale);
    String z = tensor + "_zp";
    g.addInitializer(OnnxMl.TensorProto.newBuilder().setName(z).setDataType(OnnxMl.TensorProto.DataType.UINT8
        .getNumber()).setRawData(ByteString.copyFrom(new byte[] {(byte) zero})));
    g.addNode(OnnxMl.NodeProto.newBuilder().setOpType("QuantizeLinear").addInput(tensor).addInput(s).addInput(z)
        .addOutput(tensor + "_q"));
    g.addNode(OnnxMl.NodeProto.newBuilder().setOpType("DequantizeLinear").addInput(tensor + "_q").addInput(s)
        .addInput(z).addOutput(tensor + "_dq"));
    return tensor + "_dq";
  }

  /** int8 weights, one symmetric scale per output channel (axis 0), dequantised for the convolution. */
  private static String weight(OnnxMl.GraphProto.Builder g, OnnxMl.TensorProto w) {
    float[] values = floats(w);
    int channels = (int) w.getDims(0);
    int per = values.length / channels;
    float[] scales = new float[channels];
    byte[] quantized = new byte[values.length];
    for (int c = 0; c < channels; c++) {
      float max = 0;
      for (int i = 0; i < per; i++) {
        max = Math.max(max, Math.abs(values[c * per + i]));
      }
      scales[c] = max > 0 ? max / 127f : 1f;
      for (int i = 0; i < per; i++) {
        quantized[c * per + i] = (byte) Math.max(-127, Math.min(127, Math.round(values[c * per + i] / scales[c])));
      }
    }
    String name = w.getName();
    OnnxMl.TensorProto.Builder q = OnnxMl.TensorProto.newBuilder().setName(name + "_int8")
        .setDataType(OnnxMl.TensorProto.DataType.INT8.getNumber()).setRawData(ByteString.copyFrom(quantized));
    q.addAllDims(w.getDimsList());
    g.addInitializer(q);
    ByteBuffer s = ByteBuffer.allocate(4 * channels).order(ByteOrder.LITTLE_ENDIAN);
    s.asFloatBuffer().put(scales);
    g.addInitializer(OnnxMl.TensorProto.newBuilder().setName(name + "_scales").addDims(channels)
        .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setRawData(ByteString.copyFrom(s.array())));
    g.addInitializer(OnnxMl.TensorProto.newBuilder().setName(name + "_zeros").addDims(channels)
        .setDataType(OnnxMl.TensorProto.DataType.INT8.getNumber()).setRawData(ByteString.copyFrom(new byte[channels])));
    g.addNode(OnnxMl.NodeProto.newBuilder().setOpType("DequantizeLinear").addInput(name + "_int8")
        .addInput(name + "_scales").addInput(name + "_zeros").addOutput(name + "_dq")
        .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("axis").setType(
            OnnxMl.AttributeProto.AttributeType.INT).setI(0)));
    return name + "_dq";
  }

  private static String floatScalar(OnnxMl.GraphProto.Builder g, String name, float value) {
    ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value);
    g.addInitializer(OnnxMl.TensorProto.newBuilder().setName(name).setDataType(
        OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setRawData(ByteString.copyFrom(b.array())));
    return name;
  }

  private static float[] floats(OnnxMl.TensorProto t) {
    if (!t.getRawData().isEmpty()) {
      ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      float[] out = new float[b.remaining() / 4];
      b.asFloatBuffer().get(out);
      return out;
    }
    float[] out = new float[t.getFloatDataCount()];
    for (int i = 0; i < out.length; i++) {
      out[i] = t.getFloatData(i);
    }
    return out;
  }
}
