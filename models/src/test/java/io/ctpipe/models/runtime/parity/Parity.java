package io.ctpipe.models.runtime.parity;

import java.util.List;

/** How far one output is from a reference output: logits, labels, and which label changes are near-ties. */
final class Parity {
  /**
   * A voxel is a near-tie when the reference's two best logits are within this share of the window's largest
   * |logit|: an fp32 error within 1e-4 of that scale on each of them can swap their order only there.
   */
  static final double NEAR_TIE = 2e-4;

  /** Comparison of one output with the reference on the real voxels. */
  record Result(double relative, long realVoxels, long labelsDiffer, long labelsOtherThanNearTies) {
    double agreement() {
      return 1 - labelsDiffer / (double) realVoxels;
    }
  }

  /** One corpus window of one network in three precisions. */
  record Row(String network, ParityCorpus.Window window, Result fp32, Result bf16, Result int8) {
    @Override
    public String toString() {
      return network + " / " + window.kind();
    }
  }

  private Parity() {}

  /** {@code output} against {@code reference} (both C×V, V = real.length voxels). */
  static Result compare(float[] output, float[] reference, boolean[] real) {
    int voxels = real.length;
    int channels = reference.length / voxels;
    double scale = 1;
    double diff = 0;
    for (int i = 0; i < reference.length; i++) {
      scale = Math.max(scale, Math.abs(reference[i]));
      diff = Math.max(diff, Math.abs(output[i] - reference[i]));
    }
    long realVoxels = 0;
    long differ = 0;
    long beyondTies = 0;
    for (int v = 0; v < voxels; v++) {
      if (!real[v]) {
        continue;
      }
      realVoxels++;
      int mine = argmax(output, v, voxels, channels);
      int theirs = argmax(reference, v, voxels, channels);
      if (mine != theirs) {
        differ++;
        double gap = reference[theirs * voxels + v] - reference[mine * voxels + v];
        beyondTies += gap > NEAR_TIE * scale ? 1 : 0;
      }
    }
    return new Result(diff / scale, realVoxels, differ, beyondTies);
  }

  static int argmax(float[] x, int v, int voxels, int channels) {
    int best = 0;
    for (int c = 1; c < channels; c++) {
      if (x[c * voxels + v] > x[best * voxels + v]) {
        best = c;
      }
    }
    return best;
  }

  /** The table docs/inference-engine.md shows: one line per network and window. */
  static void print(List<Row> rows) {
    System.out.println("| network | window | real voxels | fp32 max rel. logit error | fp32 labels differ (near-ties)"
        + " | bf16 label agreement | int8 label agreement |");
    System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
    for (Row r : rows) {
      System.out.printf("| %s | %s | %d | %.1e | %d (%d) | %s | %s |%n", r.network(), r.window().kind(),
          r.fp32().realVoxels(), r.fp32().relative(), r.fp32().labelsDiffer(),
          r.fp32().labelsDiffer() - r.fp32().labelsOtherThanNearTies(), percent(r.bf16()), percent(r.int8()));
    }
  }

  private static String percent(Result r) {
    return r == null ? "—" : String.format("%.3f %%", 100 * r.agreement());
  }
}
