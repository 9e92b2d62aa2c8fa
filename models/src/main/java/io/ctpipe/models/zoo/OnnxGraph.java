package io.ctpipe.models.zoo;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds an ONNX graph (opset 17) of 3D convolution layers with float32 initializers: the few operators ctpipe's
 * model zoo needs. Names are generated; {@link #parameterCount()} counts initializer elements.
 */
public final class OnnxGraph {
  static final int OPSET = 17;
  private static final long IR_VERSION = 8;

  private final OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder();
  private long parameters;
  private int counter;

  public OnnxGraph(String name) {
    graph.setName(name);
  }

  /** Declares the N×channels×D×H×W float input (N dynamic, spatial sizes fixed or dynamic when 0). */
  public String input(String name, int channels, int[] spatial) {
    graph.addInput(valueInfo(name, channels, spatial));
    return name;
  }

  public void output(String name, int channels, int[] spatial) {
    graph.addOutput(valueInfo(name, channels, spatial));
  }

  /** A float32 initializer counted as a trainable parameter. */
  public String initializer(String prefix, long[] dims, float[] values) {
    parameters += values.length;
    return constant(prefix, dims, values);
  }

  /** A float32 initializer that is a fixed constant, not a parameter (resize scales, group-norm units). */
  public String constant(String prefix, long[] dims, float[] values) {
    String name = prefix + "_" + counter++;
    ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values);
    OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name)
        .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setRawData(ByteString.copyFrom(bytes.array()));
    for (long d : dims) {
      t.addDims(d);
    }
    graph.addInitializer(t);
    return name;
  }

  /** A 64-bit integer constant initializer (for Reshape shapes); not counted as a parameter. */
  public String int64Initializer(String prefix, long[] values) {
    String name = prefix + "_" + counter++;
    OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name)
        .setDataType(OnnxMl.TensorProto.DataType.INT64.getNumber()).addDims(values.length);
    for (long v : values) {
      t.addInt64Data(v);
    }
    graph.addInitializer(t);
    return name;
  }

  /** Adds a node; returns its single output's name (or {@code output} when given). */
  public String node(String op, List<String> inputs, String output, Attribute... attributes) {
    String out = output != null ? output : op.toLowerCase() + "_" + counter++;
    OnnxMl.NodeProto.Builder n = OnnxMl.NodeProto.newBuilder().setOpType(op).setName(out + "_node")
        .addAllInput(inputs).addOutput(out);
    for (Attribute a : attributes) {
      n.addAttribute(a.proto());
    }
    graph.addNode(n);
    return out;
  }

  /** A node attribute. */
  public record Attribute(OnnxMl.AttributeProto proto) {
    public static Attribute ints(String name, long... values) {
      OnnxMl.AttributeProto.Builder a = OnnxMl.AttributeProto.newBuilder().setName(name)
          .setType(OnnxMl.AttributeProto.AttributeType.INTS);
      for (long v : values) {
        a.addInts(v);
      }
      return new Attribute(a.build());
    }

    public static Attribute integer(String name, long value) {
      return new Attribute(OnnxMl.AttributeProto.newBuilder().setName(name)
          .setType(OnnxMl.AttributeProto.AttributeType.INT).setI(value).build());
    }

    public static Attribute real(String name, float value) {
      return new Attribute(OnnxMl.AttributeProto.newBuilder().setName(name)
          .setType(OnnxMl.AttributeProto.AttributeType.FLOAT).setF(value).build());
    }

    public static Attribute text(String name, String value) {
      return new Attribute(OnnxMl.AttributeProto.newBuilder().setName(name)
          .setType(OnnxMl.AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(value)).build());
    }
  }

  public long parameterCount() {
    return parameters;
  }

  /** The serialised model. */
  public byte[] toBytes() {
    return OnnxMl.ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("ctpipe")
        .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
        .setGraph(graph).build().toByteArray();
  }

  private static OnnxMl.ValueInfoProto valueInfo(String name, int channels, int[] spatial) {
    OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder()
        .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
        .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(channels));
    for (int s : spatial) {
      OnnxMl.TensorShapeProto.Dimension.Builder d = OnnxMl.TensorShapeProto.Dimension.newBuilder();
      if (s > 0) {
        d.setDimValue(s);
      } else {
        d.setDimParam("S" + shape.getDimCount());
      }
      shape.addDim(d);
    }
    return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder()
        .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
            .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setShape(shape))).build();
  }
}
