package io.ctpipe.models.runtime.onednn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.models.runtime.Precision;
import io.ctpipe.models.zoo.OnnxGraph;
import io.ctpipe.models.zoo.OnnxGraph.Attribute;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operator the oneDNN engine runs, on small random graphs (odd sizes, strides, paddings, groups, batch 2),
 * against ONNX Runtime: fp32 outputs within 1e-4 relative.
 */
class OpsAgainstOrtTest {
  /** A graph around one operator: input channels and spatial size, the nodes from "x", the output's channels. */
  record Case(int channels, int[] spatial, BiFunction<OnnxGraph, Random, String> body, int outChannels,
      boolean flat) {}

  static Stream<Arguments> cases() {
    int[] odd3d = {7, 9, 11};
    int[] odd2d = {13, 10};
    return Stream.of(
        Arguments.of("Conv3d k3 s1 p1 bias", new Case(3, odd3d, (g, r) -> conv(g, r, "x", 3, 8, 3, 1, 1, 1, 1, true),
            8, false)),
        Arguments.of("Conv3d k3 s2 p1 no bias", new Case(2, odd3d, (g, r) -> conv(g, r, "x", 2, 4, 3, 2, 1, 1, 1,
            false), 4, false)),
        Arguments.of("Conv3d k3 dilation 2 p2", new Case(2, odd3d, (g, r) -> conv(g, r, "x", 2, 4, 3, 1, 2, 2, 1,
            true), 4, false)),
        Arguments.of("Conv3d groups 2", new Case(4, odd3d, (g, r) -> conv(g, r, "x", 4, 6, 3, 1, 1, 1, 2, true),
            6, false)),
        Arguments.of("Conv3d k1", new Case(5, odd3d, (g, r) -> conv(g, r, "x", 5, 7, 1, 1, 0, 1, 1, true), 7,
            false)),
        Arguments.of("Conv3d asymmetric pads", new Case(1, odd3d, (g, r) -> g.node("Conv", List.of("x",
            w(g, r, 3, 1, 2, 2, 2)), null, Attribute.ints("kernel_shape", 2, 2, 2),
            Attribute.ints("pads", 0, 1, 0, 1, 0, 1)), 3, false)),
        Arguments.of("Conv3d auto_pad SAME_UPPER s2", new Case(1, odd3d, (g, r) -> g.node("Conv", List.of("x",
            w(g, r, 2, 1, 3, 3, 3)), null, Attribute.ints("kernel_shape", 3, 3, 3), Attribute.ints("strides", 2, 2, 2),
            Attribute.text("auto_pad", "SAME_UPPER")), 2, false)),
        Arguments.of("Conv2d k3 s2", new Case(2, odd2d, (g, r) -> g.node("Conv", List.of("x", w(g, r, 4, 2, 3, 3),
            w(g, r, 4)), null, Attribute.ints("kernel_shape", 3, 3), Attribute.ints("strides", 2, 2),
            Attribute.ints("pads", 1, 1, 1, 1)), 4, false)),
        Arguments.of("ConvTranspose3d k3 s2 p1 op1", new Case(4, odd3d, (g, r) -> g.node("ConvTranspose",
            List.of("x", w(g, r, 4, 3, 3, 3, 3)), null, Attribute.ints("kernel_shape", 3, 3, 3),
            Attribute.ints("strides", 2, 2, 2), Attribute.ints("pads", 1, 1, 1, 1, 1, 1),
            Attribute.ints("output_padding", 1, 1, 1)), 3, false)),
        Arguments.of("ConvTranspose3d k2 s2 bias", new Case(3, odd3d, (g, r) -> g.node("ConvTranspose",
            List.of("x", w(g, r, 3, 5, 2, 2, 2), w(g, r, 5)), null, Attribute.ints("kernel_shape", 2, 2, 2),
            Attribute.ints("strides", 2, 2, 2)), 5, false)),
        Arguments.of("ConvTranspose2d groups 2", new Case(4, odd2d, (g, r) -> g.node("ConvTranspose",
            List.of("x", w(g, r, 4, 3, 3, 3)), null, Attribute.ints("kernel_shape", 3, 3), Attribute.integer("group",
            2), Attribute.ints("strides", 2, 2), Attribute.ints("pads", 1, 1, 1, 1)), 6, false)),
        Arguments.of("InstanceNormalization affine", new Case(3, odd3d, (g, r) -> g.node("InstanceNormalization",
            List.of("x", w(g, r, 3), w(g, r, 3)), null, Attribute.real("epsilon", 1e-5f)), 3, false)),
        Arguments.of("BatchNormalization", new Case(3, odd3d, (g, r) -> g.node("BatchNormalization", List.of("x",
            w(g, r, 3), w(g, r, 3), w(g, r, 3), positive(g, r, 3)), null), 3, false)),
        Arguments.of("Relu, LeakyRelu, Sigmoid, Tanh", new Case(2, odd3d, (g, r) -> g.node("Tanh", List.of(
            g.node("Sigmoid", List.of(g.node("LeakyRelu", List.of(g.node("Relu", List.of("x"), null)), null,
                Attribute.real("alpha", 0.2f))), null)), null), 2, false)),
        Arguments.of("PRelu per channel", new Case(3, odd3d, (g, r) -> g.node("PRelu", List.of("x",
            g.initializer("slope", new long[] {3, 1, 1, 1}, values(r, 3))), null), 3, false)),
        Arguments.of("Conv + Add + Relu fused", new Case(2, odd3d, (g, r) -> g.node("Relu", List.of(g.node("Add",
            List.of(conv(g, r, "x", 2, 2, 3, 1, 1, 1, 1, false), "x"), null)), null), 2, false)),
        Arguments.of("Add, Sub, Mul, Div of activations", new Case(2, odd3d, (g, r) -> {
          String a = g.node("Sigmoid", List.of("x"), null);
          String b = g.node("Tanh", List.of("x"), null);
          String s = g.node("Sub", List.of(g.node("Add", List.of(a, b), null), b), null);
          return g.node("Div", List.of(g.node("Mul", List.of(s, a), null), g.node("Add", List.of(a,
              g.constant("one", new long[] {1}, new float[] {1f})), null)), null);
        }, 2, false)),
        Arguments.of("Mul and Add by per-channel constants", new Case(3, odd3d, (g, r) -> g.node("Add", List.of(
            g.node("Mul", List.of("x", g.initializer("g", new long[] {3, 1, 1, 1}, values(r, 3))), null),
            g.initializer("b", new long[] {3, 1, 1, 1}, values(r, 3))), null), 3, false)),
        Arguments.of("Concat on channels", new Case(2, odd3d, (g, r) -> g.node("Concat", List.of("x",
            g.node("Relu", List.of("x"), null), conv(g, r, "x", 2, 3, 1, 1, 0, 1, 1, true)), null,
            Attribute.integer("axis", 1)), 7, false)),
        Arguments.of("Resize linear half_pixel x2", new Case(2, odd3d, (g, r) -> g.node("Resize", List.of("x", "",
            g.constant("scales", new long[] {5}, new float[] {1, 1, 2, 2, 2})), null, Attribute.text("mode", "linear"),
            Attribute.text("coordinate_transformation_mode", "half_pixel")), 2, false)),
        Arguments.of("Resize nearest asymmetric floor x2", new Case(2, odd3d, (g, r) -> g.node("Resize", List.of("x",
            "", g.constant("scales", new long[] {5}, new float[] {1, 1, 2, 2, 2})), null,
            Attribute.text("mode", "nearest"), Attribute.text("coordinate_transformation_mode", "asymmetric"),
            Attribute.text("nearest_mode", "floor")), 2, false)),
        Arguments.of("MaxPool k2 s2", new Case(2, odd3d, (g, r) -> g.node("MaxPool", List.of("x"), null,
            Attribute.ints("kernel_shape", 2, 2, 2), Attribute.ints("strides", 2, 2, 2)), 2, false)),
        Arguments.of("MaxPool k3 s2 p1 ceil", new Case(2, odd3d, (g, r) -> g.node("MaxPool", List.of("x"), null,
            Attribute.ints("kernel_shape", 3, 3, 3), Attribute.ints("strides", 2, 2, 2),
            Attribute.ints("pads", 1, 1, 1, 1, 1, 1), Attribute.integer("ceil_mode", 1)), 2, false)),
        Arguments.of("AveragePool k3 s2 p1 excluding pads", new Case(2, odd2d, (g, r) -> g.node("AveragePool",
            List.of("x"), null, Attribute.ints("kernel_shape", 3, 3), Attribute.ints("strides", 2, 2),
            Attribute.ints("pads", 1, 1, 1, 1)), 2, false)),
        Arguments.of("AveragePool including pads", new Case(2, odd2d, (g, r) -> g.node("AveragePool",
            List.of("x"), null, Attribute.ints("kernel_shape", 3, 3), Attribute.ints("pads", 1, 1, 1, 1),
            Attribute.integer("count_include_pad", 1)), 2, false)),
        Arguments.of("GlobalAveragePool, Flatten, Gemm", new Case(4, odd2d, (g, r) -> g.node("Gemm", List.of(
            g.node("Flatten", List.of(g.node("GlobalAveragePool", List.of("x"), null)), null,
                Attribute.integer("axis", 1)), w(g, r, 3, 4), w(g, r, 3)), null, Attribute.integer("transB", 1)),
            3, true)),
        Arguments.of("GlobalMaxPool, Flatten of spatial data, MatMul", new Case(2, odd2d, (g, r) -> g.node("MatMul",
            List.of(g.node("Flatten", List.of(g.node("MaxPool", List.of("x"), null, Attribute.ints("kernel_shape",
                4, 4), Attribute.ints("strides", 4, 4))), null), w(g, r, 2 * 3 * 2, 5)), null), 5, true)),
        Arguments.of("Softmax over channels", new Case(4, odd3d, (g, r) -> g.node("Softmax", List.of("x"), null,
            Attribute.integer("axis", 1)), 4, false)),
        Arguments.of("Pad constant", new Case(2, odd3d, (g, r) -> pad(g, "constant", 0.5f), 2, false)),
        Arguments.of("Pad edge", new Case(2, odd3d, (g, r) -> pad(g, "edge", 0f), 2, false)),
        Arguments.of("Pad reflect", new Case(2, odd3d, (g, r) -> pad(g, "reflect", 0f), 2, false)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesOnnxRuntime(String name, Case c) throws Exception {
    Random random = new Random(name.hashCode());
    OnnxGraph graph = new OnnxGraph("op-test");
    graph.input("x", c.channels(), c.spatial());
    String out = c.body().apply(graph, random);
    graph.node("Identity", List.of(out), "y");
    graph.output("y", c.outChannels(), c.flat() ? new int[0] : new int[c.spatial().length]);
    byte[] onnx = graph.toBytes();
    long[] dims = new long[c.spatial().length + 2];
    dims[0] = 2;
    dims[1] = c.channels();
    int n = 2 * c.channels();
    for (int a = 0; a < c.spatial().length; a++) {
      dims[a + 2] = c.spatial()[a];
      n *= c.spatial()[a];
    }
    float[] input = values(random, n);
    float[] ort = OrtReference.run(onnx, dims, input);
    float[] ours = OrtReference.oneDnn(onnx, dims, input, Precision.FP32);
    double error = OrtReference.relativeError(ours, ort);
    assertTrue(error < 1e-4, name + ": relative error " + error);
  }

  private static String conv(OnnxGraph g, Random r, String x, int in, int out, int k, int stride, int pad,
      int dilation, int groups, boolean bias) {
    String weights = w(g, r, out, in / groups, k, k, k);
    List<String> inputs = bias ? List.of(x, weights, w(g, r, out)) : List.of(x, weights);
    return g.node("Conv", inputs, null, Attribute.ints("kernel_shape", k, k, k), Attribute.ints("strides", stride,
        stride, stride), Attribute.ints("pads", pad, pad, pad, pad, pad, pad), Attribute.ints("dilations", dilation,
        dilation, dilation), Attribute.integer("group", groups));
  }

  private static String pad(OnnxGraph g, String mode, float value) {
    return g.node("Pad", List.of("x", g.int64Initializer("pads", new long[] {0, 0, 1, 2, 0, 0, 0, 2, 1, 3}),
        g.constant("value", new long[] {}, new float[] {value})), null, Attribute.text("mode", mode));
  }

  private static String w(OnnxGraph g, Random r, long... dims) {
    int n = 1;
    for (long d : dims) {
      n *= (int) d;
    }
    return g.initializer("w", dims, values(r, n));
  }

  private static String positive(OnnxGraph g, Random r, int n) {
    float[] v = values(r, n);
    for (int i = 0; i < n; i++) {
      v[i] = Math.abs(v[i]) + 0.1f;
    }
    return g.initializer("var", new long[] {n}, v);
  }

  private static float[] values(Random r, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }
}
