package io.ctpipe.models.zoo;

/**
 * Replicas of MONAI's SegResNet (defaults: init_filters 8, blocks_down 1,2,2,4, GroupNorm 8 groups, non-trainable
 * trilinear upsampling) and of Auto3DSeg's SegResNetDS (init_filters 32, blocks_down 1,2,2,4,4, instance norm,
 * transposed-convolution upsampling, only the full-resolution head, which is all that inference returns), with
 * seeded He-normal weights: architecture-true for benchmarks, never trained.
 */
public final class SegResNets {
  private SegResNets() {}

  /** MONAI {@code SegResNet()} with the given output channels (1 for the defaults: 1,176,177 parameters). */
  public static ZooModel segResNet(String id, int outChannels, int[] roi, long seed) {
    OnnxGraph graph = new OnnxGraph(id);
    Layers l = new Layers(graph, seed);
    int f = 8;
    String x = l.conv(l.input("input", roi), 1, f, 3, 1, false);
    String level0 = groupNormBlock(l, x, f);
    String level1 = level(l, level0, f, 2 * f, 2);
    String level2 = level(l, level1, 2 * f, 4 * f, 2);
    String level3 = level(l, level2, 4 * f, 8 * f, 4);
    String up = upLevel(l, level3, level2, 8 * f, 4 * f);
    up = upLevel(l, up, level1, 4 * f, 2 * f);
    up = upLevel(l, up, level0, 2 * f, f);
    String head = l.conv(l.relu(l.groupNorm(up, f, 8)), f, outChannels, 1, 1, true);
    graph.node("Identity", java.util.List.of(head), "logits");
    graph.output("logits", outChannels, roi);
    return new ZooModel(id, graph.toBytes(), graph.parameterCount(), l.macs(), roi.clone(), outChannels);
  }

  /** Auto3DSeg SegResNetDS (87,163,232 + 33·C parameters with the full-resolution head only). */
  public static ZooModel segResNetDs(String id, int outChannels, int[] roi, long seed) {
    return segResNetDs(id, SegResNetDsConfig.autoSeg(outChannels), roi, new SeededWeights(seed));
  }

  /**
   * SegResNetDS as MONAI builds it for {@code config}, with each parameter taken from {@code weights} under its
   * MONAI state-dict key ({@code encoder.layers.0.blocks.0.conv1.weight}, {@code up_layers.3.head.bias}, ...). Only
   * the full-resolution head is built: in eval mode that is all the network returns.
   */
  public static ZooModel segResNetDs(String id, SegResNetDsConfig config, int[] roi, WeightSource weights) {
    OnnxGraph graph = new OnnxGraph(id);
    Layers l = new Layers(graph, weights);
    int levels = config.blocksDown().length;
    int[] filters = new int[levels];
    for (int level = 0; level < levels; level++) {
      filters[level] = config.initFilters() << level;
    }
    String[] skips = new String[levels];
    String x = l.conv(l.input("input", roi), config.inChannels(), filters[0], 3, 1, false, "encoder.conv_init");
    for (int level = 0; level < levels; level++) {
      String prefix = "encoder.layers." + level;
      if (level > 0) {
        x = l.conv(x, filters[level - 1], filters[level], 3, 2, false, "encoder.layers." + (level - 1)
            + ".downsample");
      }
      for (int b = 0; b < config.blocksDown()[level]; b++) {
        x = instanceNormBlock(l, x, filters[level], prefix + ".blocks." + b);
      }
      skips[level] = x;
    }
    for (int up = 0; up < levels - 1; up++) {
      int level = levels - 2 - up;
      String prefix = "up_layers." + up;
      x = l.add(l.upConv(x, filters[level + 1], filters[level], prefix + ".upsample.deconv"), skips[level]);
      for (int b = 0; b < config.blocksUp()[up]; b++) {
        x = instanceNormBlock(l, x, filters[level], prefix + ".blocks." + b);
      }
    }
    String head = l.conv(x, filters[0], config.outChannels(), 1, 1, true, "up_layers." + (levels - 2) + ".head");
    graph.node("Identity", java.util.List.of(head), "logits");
    graph.output("logits", config.outChannels(), roi);
    return new ZooModel(id, graph.toBytes(), graph.parameterCount(), l.macs(), roi.clone(), config.outChannels());
  }

  /** MONAI's checkpoint count of SegResNetDS, which also holds the three deep-supervision heads: + 484·C. */
  public static long segResNetDsCheckpointParameters(int outChannels) {
    return 87_163_232L + 484L * outChannels;
  }

  private static String level(Layers l, String x, int in, int out, int blockCount) {
    String y = l.conv(x, in, out, 3, 2, false);
    for (int b = 0; b < blockCount; b++) {
      y = groupNormBlock(l, y, out);
    }
    return y;
  }

  private static String upLevel(Layers l, String x, String skip, int in, int out) {
    String y = l.add(l.upsampleTrilinear(l.conv(x, in, out, 1, 1, false)), skip);
    return groupNormBlock(l, y, out);
  }

  /** SegResNet ResBlock: GN → ReLU → Conv3 → GN → ReLU → Conv3, plus the input. */
  private static String groupNormBlock(Layers l, String x, int f) {
    String y = l.conv(l.relu(l.groupNorm(x, f, 8)), f, f, 3, 1, false);
    y = l.conv(l.relu(l.groupNorm(y, f, 8)), f, f, 3, 1, false);
    return l.add(y, x);
  }

  /** SegResNetDS SegResBlock: IN → ReLU → Conv3 → IN → ReLU → Conv3, plus the input; MONAI's names under prefix. */
  private static String instanceNormBlock(Layers l, String x, int f, String prefix) {
    String y = l.conv(l.relu(l.instanceNorm(x, f, prefix + ".norm1")), f, f, 3, 1, false, prefix + ".conv1");
    y = l.conv(l.relu(l.instanceNorm(y, f, prefix + ".norm2")), f, f, 3, 1, false, prefix + ".conv2");
    return l.add(y, x);
  }
}
