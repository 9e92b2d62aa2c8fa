package io.ctpipe.models.zoo;

import io.ctpipe.models.zoo.OnnxGraph.Attribute;
import java.util.List;

/**
 * 3D network layers as ONNX nodes with seeded (He-normal) or given weights. Tracks each tensor's voxel count for one
 * input window so that it can count the multiply-accumulates of convolutions (norms, activations and additions are
 * not counted, as is usual).
 */
final class Layers {
  private final OnnxGraph graph;
  private final WeightSource weights;
  private final java.util.Map<String, Long> voxels = new java.util.HashMap<>();
  private long macs;

  Layers(OnnxGraph graph, long seed) {
    this(graph, new SeededWeights(seed));
  }

  Layers(OnnxGraph graph, WeightSource weights) {
    this.graph = graph;
    this.weights = weights;
  }

  /** Declares the network input for windows of the given size. */
  String input(String name, int[] window) {
    return input(name, window, false);
  }

  /** Declares the input; with {@code dynamic} its spatial sizes are left open (a fully convolutional network). */
  String input(String name, int[] window, boolean dynamic) {
    voxels.put(name, (long) window[0] * window[1] * window[2]);
    return graph.input(name, 1, dynamic ? new int[3] : window);
  }

  /** Multiply-accumulates of the convolutions for one window. */
  long macs() {
    return macs;
  }

  private String same(String in, String out) {
    voxels.put(out, voxels.get(in));
    return out;
  }

  OnnxGraph graph() {
    return graph;
  }

  /** Conv3d with a cubic kernel, "same" padding for odd kernels and the given stride; bias optional. */
  String conv(String x, int in, int out, int kernel, int stride, boolean bias) {
    return conv(x, in, out, kernel, stride, bias, "conv");
  }

  /** As above, with the parameters {@code name.weight} (and {@code name.bias}) from the weight source. */
  String conv(String x, int in, int out, int kernel, int stride, boolean bias, String name) {
    float[] w = weights.weights(name + ".weight", new long[] {out, in, kernel, kernel, kernel},
        WeightSource.Init.HE_NORMAL, in * kernel * kernel * kernel);
    float[] b = bias ? weights.weights(name + ".bias", new long[] {out}, WeightSource.Init.ZEROS, 0) : null;
    return conv(x, in, out, kernel, stride, w, b);
  }

  String conv(String x, int in, int out, int kernel, int stride, float[] weights, float[] bias) {
    return conv(x, in, out, new int[] {kernel, kernel, kernel}, new int[] {stride, stride, stride}, weights, bias);
  }

  /**
   * Conv3d with a kernel size and stride per axis and "same" padding ((k − 1) / 2 each side, odd kernels); the
   * weights are laid out (out, in, k0, k1, k2); bias optional.
   */
  String conv(String x, int in, int out, int[] kernel, int[] stride, float[] weights, float[] bias) {
    String wName = graph.initializer("conv_w", new long[] {out, in, kernel[0], kernel[1], kernel[2]}, weights);
    List<String> inputs = bias == null ? List.of(x, wName)
        : List.of(x, wName, graph.initializer("conv_b", new long[] {out}, bias));
    int[] pad = {(kernel[0] - 1) / 2, (kernel[1] - 1) / 2, (kernel[2] - 1) / 2};
    String y = graph.node("Conv", inputs, null, Attribute.ints("kernel_shape", kernel[0], kernel[1], kernel[2]),
        Attribute.ints("strides", stride[0], stride[1], stride[2]),
        Attribute.ints("pads", pad[0], pad[1], pad[2], pad[0], pad[1], pad[2]));
    long outVoxels = voxels.get(x) / product(stride);
    voxels.put(y, outVoxels);
    macs += outVoxels * in * out * product(kernel);
    return y;
  }

  /**
   * ConvTranspose3d whose kernel equals its stride (no padding): multiplies each spatial size by the stride; the
   * weights are laid out (in, out, k0, k1, k2); bias optional.
   */
  String upConv(String x, int in, int out, int[] stride, float[] weights, float[] bias) {
    String w = graph.initializer("deconv_w", new long[] {in, out, stride[0], stride[1], stride[2]}, weights);
    List<String> inputs = bias == null ? List.of(x, w)
        : List.of(x, w, graph.initializer("deconv_b", new long[] {out}, bias));
    String y = graph.node("ConvTranspose", inputs, null,
        Attribute.ints("kernel_shape", stride[0], stride[1], stride[2]),
        Attribute.ints("strides", stride[0], stride[1], stride[2]));
    macs += voxels.get(x) * in * out * product(stride);
    voxels.put(y, voxels.get(x) * product(stride));
    return y;
  }

  private static long product(int[] v) {
    long p = 1;
    for (int i : v) {
      p *= i;
    }
    return p;
  }

  /** Pads the spatial axes by replicating edge voxels. */
  String edgePad(String x, int pad) {
    String pads = graph.int64Initializer("pads", new long[] {0, 0, pad, pad, pad, 0, 0, pad, pad, pad});
    String y = graph.node("Pad", List.of(x, pads), null, Attribute.text("mode", "edge"));
    voxels.put(y, voxels.get(x));
    return y;
  }

  /** Conv3d without padding or bias (the spatial size shrinks by kernel − 1). */
  String convValid(String x, int in, int out, int kernel, float[] weights) {
    String wName = graph.initializer("conv_w", new long[] {out, in, kernel, kernel, kernel}, weights);
    String y = graph.node("Conv", List.of(x, wName), null, Attribute.ints("kernel_shape", kernel, kernel, kernel));
    voxels.put(y, voxels.get(x));
    macs += voxels.get(x) * in * out * kernel * kernel * kernel;
    return y;
  }

  /** ConvTranspose3d (3³, stride 2, padding 1, output padding 1, no bias): doubles each spatial size. */
  String upConv(String x, int in, int out) {
    return upConv(x, in, out, "deconv");
  }

  /** As above, with the parameter {@code name.weight} (shape in, out, 3, 3, 3) from the weight source. */
  String upConv(String x, int in, int out, String name) {
    String w = graph.initializer("deconv_w", new long[] {in, out, 3, 3, 3}, weights.weights(name + ".weight",
        new long[] {in, out, 3, 3, 3}, WeightSource.Init.HE_NORMAL, out * 27));
    String y = graph.node("ConvTranspose", List.of(x, w), null, Attribute.ints("kernel_shape", 3, 3, 3),
        Attribute.ints("strides", 2, 2, 2), Attribute.ints("pads", 1, 1, 1, 1, 1, 1),
        Attribute.ints("output_padding", 1, 1, 1));
    macs += voxels.get(x) * in * out * 27L;
    voxels.put(y, voxels.get(x) * 8);
    return y;
  }

  /** InstanceNormalization (eps 1e-5) with affine scale 1 and bias 0. */
  String instanceNorm(String x, int channels) {
    return instanceNorm(x, channels, "norm");
  }

  /** As above, with the affine parameters {@code name.weight} and {@code name.bias} from the weight source. */
  String instanceNorm(String x, int channels, String name) {
    return instanceNorm(x, channels, name, 1e-5f);
  }

  /** As above, with the given epsilon. */
  String instanceNorm(String x, int channels, String name, float epsilon) {
    long[] shape = {channels};
    float[] scale = weights.weights(name + ".weight", shape, WeightSource.Init.ONES, 0);
    float[] bias = weights.weights(name + ".bias", shape, WeightSource.Init.ZEROS, 0);
    return same(x, graph.node("InstanceNormalization", List.of(x, graph.initializer("in_scale", shape, scale),
        graph.initializer("in_bias", shape, bias)), null, Attribute.real("epsilon", epsilon)));
  }

  /**
   * GroupNorm(groups, affine) as Reshape → InstanceNormalization over the groups → Reshape → per-channel scale and
   * shift (the opset-17 pattern).
   */
  String groupNorm(String x, int channels, int groups) {
    String grouped = graph.node("Reshape", List.of(x, graph.int64Initializer("gn_shape", new long[] {0, groups, -1})),
        null);
    float[] ones = new float[groups];
    java.util.Arrays.fill(ones, 1f);
    String normed = graph.node("InstanceNormalization", List.of(grouped,
        graph.constant("gn_unit", new long[] {groups}, ones), graph.constant("gn_zero", new long[] {groups},
            new float[groups])), null, Attribute.real("epsilon", 1e-5f));
    String shaped = graph.node("Reshape", List.of(normed, graph.node("Shape", List.of(x), null)), null);
    float[] gamma = new float[channels];
    java.util.Arrays.fill(gamma, 1f);
    String scaled = graph.node("Mul", List.of(shaped, graph.initializer("gn_gamma", new long[] {channels, 1, 1, 1},
        gamma)), null);
    return same(x, graph.node("Add", List.of(scaled, graph.initializer("gn_beta", new long[] {channels, 1, 1, 1},
        new float[channels])), null));
  }

  String relu(String x) {
    return same(x, graph.node("Relu", List.of(x), null));
  }

  String leakyRelu(String x, float negativeSlope) {
    return same(x, graph.node("LeakyRelu", List.of(x), null, Attribute.real("alpha", negativeSlope)));
  }

  /** Concatenation along the channel axis (inputs of the same spatial size). */
  String concat(String a, String b) {
    return same(a, graph.node("Concat", List.of(a, b), null, Attribute.integer("axis", 1)));
  }

  String add(String a, String b) {
    return same(a, graph.node("Add", List.of(a, b), null));
  }

  /** Trilinear ×2 upsampling (half-pixel coordinates, as PyTorch's align_corners=False). */
  String upsampleTrilinear(String x) {
    String scales = graph.constant("resize_scales", new long[] {5}, new float[] {1, 1, 2, 2, 2});
    String y = graph.node("Resize", List.of(x, "", scales), null, Attribute.text("mode", "linear"),
        Attribute.text("coordinate_transformation_mode", "half_pixel"));
    voxels.put(y, voxels.get(x) * 8);
    return y;
  }
}
