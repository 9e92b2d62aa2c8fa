package io.ctpipe.models.zoo;

import java.util.List;

/**
 * {@code class-probe-C}: a cheap seeded network with C output channels (conv 3³ 1→8, ReLU, conv 1³ 8→C), for
 * measuring how accumulation memory grows with the number of classes without a large network's cost. Untrained.
 */
public final class ClassProbe {
  /** Zoo ids of the probes start with this, followed by the channel count. */
  public static final String PREFIX = "class-probe-";
  static final int HIDDEN = 8;

  private ClassProbe() {}

  /** The channel count of a probe id, or -1 when {@code id} is not one. */
  public static int classes(String id) {
    if (!id.startsWith(PREFIX) || !id.substring(PREFIX.length()).matches("[0-9]{1,4}")) {
      return -1;
    }
    int classes = Integer.parseInt(id.substring(PREFIX.length()));
    return classes >= 2 && classes <= 1024 ? classes : -1;
  }

  public static ZooModel build(int classes, int[] roi, long seed) {
    OnnxGraph graph = new OnnxGraph(PREFIX + classes);
    Layers l = new Layers(graph, seed);
    String x = l.input("input", roi, true);
    String hidden = l.relu(l.conv(x, 1, HIDDEN, 3, 1, true));
    String logits = l.conv(hidden, HIDDEN, classes, 1, 1, true);
    graph.node("Identity", List.of(logits), "logits");
    graph.output("logits", classes, new int[3]);
    return new ZooModel(PREFIX + classes, graph.toBytes(), graph.parameterCount(), l.macs(), roi.clone(), classes);
  }
}
