package io.ctpipe.pipeline.bench;

import com.fasterxml.jackson.databind.JsonNode;

/** Cells shared by the benchmark tables. */
final class BenchFormat {
  private BenchFormat() {}

  /** The share of voxels whose label the run proved equal to FULL's, or "n/a" when it cannot tell. */
  static String proven(JsonNode result) {
    long exact = result.path("exactVoxels").asLong(-1);
    return exact < 0 ? "n/a" : String.format("%.3f %%", 100.0 * exact / result.get("voxels").asLong());
  }
}
