package io.ctpipe.models.runtime.onednn;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.CodedInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ONNX graph read for the oneDNN engine: constants (initializers and Constant nodes) decoded, Identity and Dropout
 * nodes replaced by aliases, the exported GroupNorm pattern folded into one node ({@link GroupNormPattern}).
 */
final class OnnxModel {
  /** Largest initializer the engine decodes (elements): more than any 3D segmentation network holds in one tensor. */
  private static final long MAX_CONSTANT_ELEMENTS = 1L << 30;

  final String inputName;
  final long[] inputDims;
  final String outputName;
  final List<OnnxNode> nodes;
  final Map<String, ConstantTensor> constants;
  final QdqPattern.Quantization quantization;

  /** The same graph with its large float constants released (their weights live in a {@link WeightCache}). */
  OnnxModel withoutLargeConstants() {
    Map<String, ConstantTensor> kept = new HashMap<>();
    constants.forEach((name, t) -> kept.put(name, t.release()));
    Map<String, QdqPattern.QuantizedWeights> weights = new HashMap<>();
    quantization.weights().forEach((name, w) -> weights.put(name, new QdqPattern.QuantizedWeights(
        w.values().release(), w.scales())));
    return new OnnxModel(inputName, inputDims, outputName, nodes, kept, new QdqPattern.Quantization(weights,
        quantization.activations()));
  }

  private OnnxModel(String inputName, long[] inputDims, String outputName, List<OnnxNode> nodes,
      Map<String, ConstantTensor> constants, QdqPattern.Quantization quantization) {
    this.inputName = inputName;
    this.inputDims = inputDims;
    this.outputName = outputName;
    this.nodes = nodes;
    this.constants = constants;
    this.quantization = quantization;
  }

  /**
   * @param inputName graph input to feed (null: the first that is not an initializer)
   * @param outputName graph output to return (null: the first)
   */
  static OnnxModel read(byte[] onnx, String inputName, String outputName) throws UnsupportedModelException {
    return read(onnx, inputName, outputName, false);
  }

  /**
   * @param int8 keep QDQ-quantised convolutions quantised (their weights int8, their inputs' scales noted); when
   *     false, quantised weights are dequantised to float and activation QDQ pairs are dropped
   */
  static OnnxModel read(byte[] onnx, String inputName, String outputName, boolean int8)
      throws UnsupportedModelException {
    OnnxMl.GraphProto graph;
    try {
      CodedInputStream in = CodedInputStream.newInstance(onnx);
      in.enableAliasing(true);
      in.setSizeLimit(Integer.MAX_VALUE);
      graph = OnnxMl.ModelProto.parseFrom(in).getGraph();
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("not an ONNX model: " + e.getMessage(), e);
    }
    Map<String, ConstantTensor> constants = new HashMap<>();
    for (OnnxMl.TensorProto t : graph.getInitializerList()) {
      constants.put(t.getName(), decode(t));
    }
    Map<String, String> aliases = new HashMap<>();
    List<OnnxNode> nodes = new ArrayList<>();
    for (OnnxMl.NodeProto n : graph.getNodeList()) {
      List<String> inputs = n.getInputList().stream().map(i -> aliases.getOrDefault(i, i)).toList();
      switch (n.getOpType()) {
        case "Constant" -> constants.put(n.getOutput(0), constantOf(n));
        case "Identity", "Dropout" -> aliases.put(n.getOutput(0), inputs.get(0));
        default -> {
          Map<String, OnnxMl.AttributeProto> attributes = new LinkedHashMap<>();
          n.getAttributeList().forEach(a -> attributes.put(a.getName(), a));
          nodes.add(new OnnxNode(n.getOpType(), n.getName(), inputs, n.getOutputList(), attributes));
        }
      }
    }
    OnnxMl.ValueInfoProto input = pickInput(graph, constants, inputName);
    String output = outputName != null ? outputName : graph.getOutput(0).getName();
    if (graph.getOutputList().stream().noneMatch(o -> o.getName().equals(output))) {
      throw new IllegalArgumentException("the model has no output named '" + output + "'");
    }
    QdqPattern.Folded qdq = QdqPattern.fold(nodes, constants, int8);
    List<OnnxNode> simplified = GroupNormPattern.fold(qdq.nodes(), constants);
    return new OnnxModel(input.getName(), dimsOf(input), aliases.getOrDefault(output, output), simplified, constants,
        qdq.quantization());
  }

  private static OnnxMl.ValueInfoProto pickInput(OnnxMl.GraphProto graph, Map<String, ConstantTensor> constants,
      String name) {
    for (OnnxMl.ValueInfoProto v : graph.getInputList()) {
      if (!constants.containsKey(v.getName()) && (name == null || name.equals(v.getName()))) {
        return v;
      }
    }
    throw new IllegalArgumentException("the model has no input named '" + name + "'");
  }

  private static long[] dimsOf(OnnxMl.ValueInfoProto v) {
    List<OnnxMl.TensorShapeProto.Dimension> dims = v.getType().getTensorType().getShape().getDimList();
    long[] out = new long[dims.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = dims.get(i).hasDimValue() ? dims.get(i).getDimValue() : 0;
    }
    return out;
  }

  private static ConstantTensor constantOf(OnnxMl.NodeProto n) throws UnsupportedModelException {
    for (OnnxMl.AttributeProto a : n.getAttributeList()) {
      if (a.getName().equals("value")) {
        return decode(a.getT());
      }
    }
    throw new UnsupportedModelException("Constant node '" + n.getName() + "' has no tensor 'value'");
  }

  static ConstantTensor decode(OnnxMl.TensorProto t) throws UnsupportedModelException {
    long[] dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
    long count = 1;
    for (long d : dims) {
      if (d < 0 || (d > 0 && count > MAX_CONSTANT_ELEMENTS / d)) {
        throw new UnsupportedModelException("initializer '" + t.getName() + "' declares dimensions "
            + java.util.Arrays.toString(dims) + " (more than " + MAX_CONSTANT_ELEMENTS + " elements)");
      }
      count *= d;
    }
    int n = (int) count;
    ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    int type = t.getDataType();
    if (type == OnnxMl.TensorProto.DataType.FLOAT.getNumber()) {
      if (!t.getRawData().isEmpty()) {
        expectBytes(t, raw, (long) n * 4);
        return new ConstantTensor(dims, raw, null, null);
      }
      expectCount(t, t.getFloatDataCount(), n);
      float[] f = new float[n];
      for (int i = 0; i < n; i++) {
        f[i] = t.getFloatData(i);
      }
      return ConstantTensor.ofFloats(dims, f);
    }
    if (type == OnnxMl.TensorProto.DataType.INT64.getNumber()
        || type == OnnxMl.TensorProto.DataType.INT32.getNumber()) {
      boolean wide = type == OnnxMl.TensorProto.DataType.INT64.getNumber();
      long[] l = new long[n];
      if (!t.getRawData().isEmpty()) {
        expectBytes(t, raw, (long) n * (wide ? 8 : 4));
        for (int i = 0; i < n; i++) {
          l[i] = wide ? raw.getLong() : raw.getInt();
        }
      } else {
        expectCount(t, wide ? t.getInt64DataCount() : t.getInt32DataCount(), n);
        for (int i = 0; i < n; i++) {
          l[i] = wide ? t.getInt64Data(i) : t.getInt32Data(i);
        }
      }
      return new ConstantTensor(dims, null, l, null);
    }
    if (type == OnnxMl.TensorProto.DataType.INT8.getNumber() || type == OnnxMl.TensorProto.DataType.UINT8.getNumber()) {
      boolean signed = type == OnnxMl.TensorProto.DataType.INT8.getNumber();
      if (t.getRawData().isEmpty()) {
        expectCount(t, t.getInt32DataCount(), n);
        long[] l = new long[n];
        for (int i = 0; i < n; i++) {
          l[i] = signed ? (byte) t.getInt32Data(i) : t.getInt32Data(i) & 0xFF;
        }
        return new ConstantTensor(dims, null, l, null);
      }
      expectBytes(t, raw, n);
      if (signed) {
        return new ConstantTensor(dims, null, null, raw);
      }
      long[] l = new long[n];
      for (int i = 0; i < n; i++) {
        l[i] = raw.get() & 0xFF;
      }
      return new ConstantTensor(dims, null, l, null);
    }
    throw new UnsupportedModelException("initializer '" + t.getName() + "' has ONNX data type " + type
        + "; the oneDNN engine reads float32, int8, uint8, int32 and int64 constants");
  }

  private static void expectBytes(OnnxMl.TensorProto t, ByteBuffer raw, long bytes) throws UnsupportedModelException {
    if (raw.remaining() != bytes) {
      throw new UnsupportedModelException("initializer '" + t.getName() + "' holds " + raw.remaining()
          + " bytes; its dimensions need " + bytes);
    }
  }

  private static void expectCount(OnnxMl.TensorProto t, int count, int n) throws UnsupportedModelException {
    if (count != n) {
      throw new UnsupportedModelException("initializer '" + t.getName() + "' holds " + count
          + " values; its dimensions need " + n);
    }
  }
}
