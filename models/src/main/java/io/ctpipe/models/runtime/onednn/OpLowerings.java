package io.ctpipe.models.runtime.onednn;

import java.util.List;

/** Dispatches each ONNX operator to its lowering; names the operators the oneDNN engine runs. */
final class OpLowerings {
  /** Every operator the engine runs (Identity, Dropout and Constant are removed while reading). */
  static final List<String> SUPPORTED = List.of("Conv", "ConvTranspose", "InstanceNormalization",
      "GroupNormalization", "BatchNormalization", "Relu", "LeakyRelu", "PRelu", "Sigmoid", "Tanh", "Add", "Sub",
      "Mul", "Div", "Concat", "Resize", "Upsample", "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool",
      "Gemm", "MatMul", "Flatten", "Softmax", "Pad", "Identity", "Dropout", "Constant");

  private OpLowerings() {}

  static void lower(PlanCompiler c, OnnxNode n) throws UnsupportedModelException {
    switch (n.op()) {
      case "Conv" -> ConvLowering.conv(c, n);
      case "ConvTranspose" -> ConvLowering.deconv(c, n);
      case "InstanceNormalization", "GroupNormalization" -> NormLowering.groupNorm(c, n);
      case "BatchNormalization" -> NormLowering.batchNorm(c, n);
      case "Relu", "LeakyRelu", "Sigmoid", "Tanh" -> PointwiseLowering.eltwise(c, n);
      case "PRelu" -> PointwiseLowering.prelu(c, n);
      case "Add", "Sub", "Mul", "Div" -> PointwiseLowering.binary(c, n);
      case "Softmax" -> PointwiseLowering.softmax(c, n);
      case "Concat" -> LayoutLowering.concat(c, n);
      case "Resize", "Upsample" -> LayoutLowering.resize(c, n);
      case "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool" -> LayoutLowering.pool(c, n);
      case "Flatten" -> LayoutLowering.flatten(c, n);
      case "Gemm", "MatMul" -> LayoutLowering.innerProduct(c, n);
      case "Pad" -> PadKernel.lower(c, n);
      default -> throw new UnsupportedModelException("operator " + n.op() + " ('" + n.name()
          + "') is not run by the oneDNN engine; it runs " + SUPPORTED);
    }
  }

  static long[] ones(int n) {
    long[] a = new long[n];
    java.util.Arrays.fill(a, 1);
    return a;
  }

  static long[] minusOne(long[] a) {
    long[] b = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      b[i] = a[i] - 1;
    }
    return b;
  }

  /** N, C and the spatial sizes as one dimension array. */
  static long[] dims(long n, long c, long[] spatial) {
    long[] d = new long[spatial.length + 2];
    d[0] = n;
    d[1] = c;
    System.arraycopy(spatial, 0, d, 2, spatial.length);
    return d;
  }

  static UnsupportedModelException unsupported(OnnxNode n, String why) {
    return new UnsupportedModelException(n.describe() + ": " + why);
  }
}
