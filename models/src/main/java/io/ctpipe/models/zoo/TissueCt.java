package io.ctpipe.models.zoo;

import java.util.Arrays;
import java.util.List;

/**
 * {@code tissue-ct}: an analytic 3D network whose hand-set weights classify smoothed CT intensity into tissue
 * classes — meaningful on real CT, tiny, and with a 5×5×5 receptive field so window borders matter. Input: HU
 * clipped to [-1024, 2048] and divided by 1000. The window is edge-padded by 2 voxels and a 3³ mean filter applied
 * twice (no zero padding, which would pull border voxels towards 0 HU) gives s; each class k scores −|s − c_k|/w_k
 * through ReLU pairs, so the argmax is the nearest class centre in (scaled) HU.
 */
public final class TissueCt {
  /** Class names, in output channel order (0 = background/air). */
  public static final List<String> CLASSES = List.of("air", "lung", "fat", "soft_tissue", "bone");
  /** Class centres in HU. */
  static final float[] CENTRES_HU = {-1000, -800, -100, 45, 700};
  /** Class half-widths in HU (how far a class reaches before its score falls by one). */
  static final float[] WIDTHS_HU = {150, 200, 100, 80, 350};
  /** Input scaling: x = clip(HU, -1024, 2048) / 1000. */
  public static final double SCALE = 0.001;

  private TissueCt() {}

  /** The network for windows of any size (spatial axes dynamic); {@code roi} sets the card's window and MAC count. */
  public static ZooModel build(int[] roi) {
    OnnxGraph graph = new OnnxGraph("tissue-ct");
    Layers l = new Layers(graph, 0);
    String x = l.input("input", roi, true);
    float[] mean = new float[27];
    Arrays.fill(mean, 1f / 27);
    String padded = l.edgePad(x, 2);
    String s = l.convValid(l.convValid(padded, 1, 1, 3, mean), 1, 1, 3, mean);
    int k = CENTRES_HU.length;
    float[] w1 = new float[2 * k];
    float[] b1 = new float[2 * k];
    for (int c = 0; c < k; c++) {
      float centre = (float) (CENTRES_HU[c] * SCALE);
      w1[2 * c] = 1;
      b1[2 * c] = -centre;
      w1[2 * c + 1] = -1;
      b1[2 * c + 1] = centre;
    }
    String distances = l.relu(l.conv(s, 1, 2 * k, 1, 1, w1, b1));
    float[] w2 = new float[k * 2 * k];
    for (int c = 0; c < k; c++) {
      float slope = (float) (-1 / (WIDTHS_HU[c] * SCALE));
      w2[c * 2 * k + 2 * c] = slope;
      w2[c * 2 * k + 2 * c + 1] = slope;
    }
    String logits = l.conv(distances, 2 * k, k, 1, 1, w2, new float[k]);
    graph.node("Identity", List.of(logits), "logits");
    graph.output("logits", k, new int[3]);
    return new ZooModel("tissue-ct", graph.toBytes(), graph.parameterCount(), l.macs(), roi.clone(), k);
  }
}
