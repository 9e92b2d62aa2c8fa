package io.ctpipe.models.zoo;

import io.ctpipe.models.zoo.OnnxGraph.Attribute;
import java.util.List;
import java.util.Random;

/**
 * 3D network layers as ONNX nodes with seeded (He-normal) or given weights. Tracks each tensor's voxel count for one
 * input window so that it can count the multiply-accumulates of convolutions (norms, activations and additions are
 * not counted, as is usual).
 */
final class Layers {
  private final OnnxGraph graph;
  private final Random random;
  private final java.util.Map<String, Long> voxels = new java.util.HashMap<>();
  private long macs;

  Layers(OnnxGraph graph, long seed) {
    this.graph = graph;
    this.random = new Random(seed);
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
    float[] w = heNormal(out, in, kernel);
    return conv(x, in, out, kernel, stride, w, bias ? new float[out] : null);
  }

  String conv(String x, int in, int out, int kernel, int stride, float[] weights, float[] bias) {
    String wName = graph.initializer("conv_w", new long[] {out, in, kernel, kernel, kernel}, weights);
    List<String> inputs = bias == null ? List.of(x, wName)
        : List.of(x, wName, graph.initializer("conv_b", new long[] {out}, bias));
    int pad = kernel / 2;
    String y = graph.node("Conv", inputs, null, Attribute.ints("kernel_shape", kernel, kernel, kernel),
        Attribute.ints("strides", stride, stride, stride), Attribute.ints("pads", pad, pad, pad, pad, pad, pad));
    long outVoxels = voxels.get(x) / ((long) stride * stride * stride);
    voxels.put(y, outVoxels);
    macs += outVoxels * in * out * kernel * kernel * kernel;
    return y;
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
    String w = graph.initializer("deconv_w", new long[] {in, out, 3, 3, 3}, heNormalValues(in * out * 27, out * 27));
    String y = graph.node("ConvTranspose", List.of(x, w), null, Attribute.ints("kernel_shape", 3, 3, 3),
        Attribute.ints("strides", 2, 2, 2), Attribute.ints("pads", 1, 1, 1, 1, 1, 1),
        Attribute.ints("output_padding", 1, 1, 1));
    macs += voxels.get(x) * in * out * 27L;
    voxels.put(y, voxels.get(x) * 8);
    return y;
  }

  /** InstanceNormalization with affine scale 1 and bias 0 (eps 1e-5). */
  String instanceNorm(String x, int channels) {
    float[] ones = new float[channels];
    java.util.Arrays.fill(ones, 1f);
    return same(x, graph.node("InstanceNormalization", List.of(x, graph.initializer("in_scale",
        new long[] {channels}, ones), graph.initializer("in_bias", new long[] {channels}, new float[channels])), null,
        Attribute.real("epsilon", 1e-5f)));
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

  private float[] heNormal(int out, int in, int kernel) {
    return heNormalValues(out * in * kernel * kernel * kernel, in * kernel * kernel * kernel);
  }

  private float[] heNormalValues(int count, int fanIn) {
    float[] w = new float[count];
    double sd = Math.sqrt(2.0 / fanIn);
    for (int i = 0; i < count; i++) {
      w[i] = (float) (random.nextGaussian() * sd);
    }
    return w;
  }
}
