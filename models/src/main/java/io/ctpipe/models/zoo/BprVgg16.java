package io.ctpipe.models.zoo;

import io.ctpipe.models.zoo.OnnxGraph.Attribute;
import java.util.List;

/**
 * {@code bpr-vgg16}: the architecture of bpreg's body part regression network with seeded weights — torchvision
 * VGG16 features (first convolution 1 → 64 without bias), a 1×1 convolution 512 → 512 with ReLU, global average
 * pooling and a linear layer 512 → 1: 14,976,641 parameters, about 5.0 G multiply-adds per 128×128 slice.
 * Input N×1×128×128 ("input"), output N×1 ("score"). Parameters carry bpreg's state-dict names
 * ({@code model.0.weight} … {@code model.28.bias}, {@code conv6}, {@code fc7}), so the published weights load by name.
 */
public final class BprVgg16 {
  public static final String ID = "bpr-vgg16";
  /** VGG16 configuration "D": output channels of each 3×3 convolution, 0 for a 2×2 max-pool. */
  private static final int[] FEATURES = {64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512,
      0};
  private static final int SIZE = 128;

  private BprVgg16() {}

  /** The replica: seeded weights. */
  public static ZooModel build(long seed) {
    return build(ID, new SeededWeights(seed));
  }

  /** The network with each parameter taken from {@code weights} under bpreg's name. */
  public static ZooModel build(String id, WeightSource weights) {
    OnnxGraph graph = new OnnxGraph(id);
    String x = graph.input("input", 1, new int[] {SIZE, SIZE});
    int channels = 1;
    int size = SIZE;
    long macs = 0;
    int index = 0; // position in torchvision's vgg16().features: each conv is followed by a ReLU
    for (int out : FEATURES) {
      if (out == 0) {
        x = graph.node("MaxPool", List.of(x), null, Attribute.ints("kernel_shape", 2, 2),
            Attribute.ints("strides", 2, 2));
        size /= 2;
        index++;
        continue;
      }
      x = conv(graph, weights, x, channels, out, 3, channels != 1, "model." + index);
      macs += (long) size * size * channels * out * 9;
      channels = out;
      index += 2;
    }
    x = conv(graph, weights, x, 512, 512, 1, true, "conv6");
    macs += (long) size * size * 512 * 512;
    String pooled = graph.node("GlobalAveragePool", List.of(x), null);
    String flat = graph.node("Flatten", List.of(pooled), null, Attribute.integer("axis", 1));
    String w = graph.initializer("fc7_w", new long[] {1, 512}, weights.weights("fc7.weight", new long[] {1, 512},
        WeightSource.Init.LECUN_NORMAL, 512));
    String b = graph.initializer("fc7_b", new long[] {1}, weights.weights("fc7.bias", new long[] {1},
        WeightSource.Init.SMALL_NORMAL, 0));
    graph.node("Gemm", List.of(flat, w, b), "score", Attribute.integer("transB", 1));
    macs += 512;
    graph.output("score", 1, new int[0]);
    return new ZooModel(id, graph.toBytes(), graph.parameterCount(), macs, new int[] {1, SIZE, SIZE}, 1);
  }

  /** A square convolution ("same" padding), optionally with a bias, then ReLU; parameters {@code name.weight/.bias}. */
  private static String conv(OnnxGraph graph, WeightSource weights, String x, int in, int out, int kernel,
      boolean bias, String name) {
    String w = graph.initializer("conv_w", new long[] {out, in, kernel, kernel}, weights.weights(name + ".weight",
        new long[] {out, in, kernel, kernel}, WeightSource.Init.HE_NORMAL, in * kernel * kernel));
    List<String> inputs = bias ? List.of(x, w, graph.initializer("conv_b", new long[] {out}, weights.weights(
        name + ".bias", new long[] {out}, WeightSource.Init.SMALL_NORMAL, 0))) : List.of(x, w);
    int pad = kernel / 2;
    String y = graph.node("Conv", inputs, null, Attribute.ints("kernel_shape", kernel, kernel),
        Attribute.ints("pads", pad, pad, pad, pad));
    return graph.node("Relu", List.of(y), null);
  }
}
