package io.ctpipe.models.zoo;

import java.util.List;

/**
 * nnU-Net's default network, {@code PlainConvUNet} of dynamic-network-architectures, as an ONNX graph with every
 * parameter taken by its nnU-Net state-dict key: per encoder stage n × (Conv3d → InstanceNorm3d(affine) →
 * LeakyReLU), the first convolution strided; per decoder stage a ConvTranspose3d (kernel = stride), concatenation
 * with the skip, n × (Conv3d → InstanceNorm3d → LeakyReLU); a 1×1×1 segmentation layer on the last stage only (deep
 * supervision is off at inference).
 *
 * <p>The graph may take its input with the spatial axes in another order than the network was trained on: each
 * kernel is permuted so that graph axis {@code graphAxis[a]} is network axis {@code a}. Convolutions and instance
 * norms commute with such a permutation, so the logits are the network's, permuted the same way.
 */
public final class PlainConvUNets {
  private PlainConvUNets() {}

  /**
   * @param graphAxis for each network axis, the graph axis it becomes (a permutation of 0, 1, 2)
   * @param patch the window size in network axis order
   */
  public static ZooModel build(String id, PlainConvUNetConfig config, int[] graphAxis, int[] patch,
      WeightSource weights) {
    Permutation axes = new Permutation(graphAxis);
    int[] roi = axes.toGraph(patch);
    for (int a = 0; a < 3; a++) {
      if (patch[a] <= 0 || patch[a] % config.sizeFactor(a) != 0) {
        throw new IllegalArgumentException("patch size " + java.util.Arrays.toString(patch) + " must be positive "
            + "multiples of the strides' products " + java.util.Arrays.toString(new int[] {config.sizeFactor(0),
            config.sizeFactor(1), config.sizeFactor(2)}));
      }
    }
    OnnxGraph graph = new OnnxGraph(id);
    Builder b = new Builder(new Layers(graph, weights), weights, config, axes);
    int stages = config.features().length;
    String[] skips = new String[stages];
    String x = b.layers.input("input", roi);
    int channels = config.inChannels();
    for (int s = 0; s < stages; s++) {
      x = b.stacked(x, channels, config.features()[s], config.kernels()[s], config.strides()[s],
          config.convsEncoder()[s], "encoder.stages." + s + ".0.convs.");
      channels = config.features()[s];
      skips[s] = x;
    }
    for (int d = 0; d < stages - 1; d++) {
      int skip = stages - 2 - d;
      int below = config.features()[skip + 1];
      int features = config.features()[skip];
      int[] stride = config.strides()[skip + 1];
      String up = b.layers.upConv(x, below, features, axes.toGraph(stride),
          b.permuted("decoder.transpconvs." + d + ".weight", below, features, stride), b.bias(
              "decoder.transpconvs." + d + ".bias", features));
      x = b.stacked(b.layers.concat(up, skips[skip]), 2 * features, features, config.kernels()[skip], new int[] {1, 1,
          1}, config.convsDecoder()[d], "decoder.stages." + d + ".convs.");
    }
    String seg = "decoder.seg_layers." + (stages - 2);
    String head = b.layers.conv(x, config.features()[0], config.outChannels(), new int[] {1, 1, 1},
        new int[] {1, 1, 1}, b.permuted(seg + ".weight", config.outChannels(), config.features()[0],
            new int[] {1, 1, 1}), weights.weights(seg + ".bias", new long[] {config.outChannels()},
            WeightSource.Init.ZEROS, 0));
    graph.node("Identity", List.of(head), "logits");
    graph.output("logits", config.outChannels(), roi);
    return new ZooModel(id, graph.toBytes(), graph.parameterCount(), b.layers.macs(), roi, config.outChannels());
  }

  /** The layers of one network, with its parameters permuted into the graph's axis order. */
  private record Builder(Layers layers, WeightSource weights, PlainConvUNetConfig config, Permutation axes) {
    /** {@code count} × (Conv3d → InstanceNorm3d → LeakyReLU), the first with {@code stride}. */
    String stacked(String x, int in, int out, int[] kernel, int[] stride, int count, String prefix) {
      String y = x;
      for (int i = 0; i < count; i++) {
        String name = prefix + i;
        int channels = i == 0 ? in : out;
        y = layers.conv(y, channels, out, axes.toGraph(kernel), axes.toGraph(i == 0 ? stride : new int[] {1, 1, 1}),
            permuted(name + ".conv.weight", out, channels, kernel), bias(name + ".conv.bias", out));
        y = layers.leakyRelu(layers.instanceNorm(y, out, name + ".norm", config.normEpsilon()),
            config.negativeSlope());
      }
      return y;
    }

    float[] bias(String name, int channels) {
      return config.convBias() ? weights.weights(name, new long[] {channels}, WeightSource.Init.ZEROS, 0) : null;
    }

    /** A (lead0, lead1, k0, k1, k2) tensor in network axis order, returned in graph axis order. */
    float[] permuted(String name, int lead0, int lead1, int[] kernel) {
      float[] w = weights.weights(name, new long[] {lead0, lead1, kernel[0], kernel[1], kernel[2]},
          WeightSource.Init.HE_NORMAL, lead1 * kernel[0] * kernel[1] * kernel[2]);
      return axes.permuteBlocks(w, kernel);
    }
  }

  /** Maps network axes to graph axes. */
  private record Permutation(int[] graphAxis) {
    Permutation {
      if (graphAxis.length != 3 || !java.util.Arrays.equals(java.util.Arrays.stream(graphAxis).sorted().toArray(),
          new int[] {0, 1, 2})) {
        throw new IllegalArgumentException("the axis order " + java.util.Arrays.toString(graphAxis)
            + " is not a permutation of 0, 1, 2");
      }
      graphAxis = graphAxis.clone();
    }

    int[] toGraph(int[] networkOrder) {
      int[] out = new int[3];
      for (int a = 0; a < 3; a++) {
        out[graphAxis[a]] = networkOrder[a];
      }
      return out;
    }

    /** Permutes each consecutive block of n0·n1·n2 values (network order) into graph order. */
    float[] permuteBlocks(float[] values, int[] n) {
      int[] g = toGraph(n);
      int block = n[0] * n[1] * n[2];
      float[] out = new float[values.length];
      int[] c = new int[3];
      for (int base = 0; base < values.length; base += block) {
        int src = base;
        for (int i0 = 0; i0 < n[0]; i0++) {
          for (int i1 = 0; i1 < n[1]; i1++) {
            for (int i2 = 0; i2 < n[2]; i2++) {
              c[graphAxis[0]] = i0;
              c[graphAxis[1]] = i1;
              c[graphAxis[2]] = i2;
              out[base + (c[0] * g[1] + c[1]) * g[2] + c[2]] = values[src++];
            }
          }
        }
      }
      return out;
    }
  }
}
