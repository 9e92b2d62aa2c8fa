package io.ctpipe.transforms.result;

import java.util.List;

/**
 * Body part regression on one series: the model, whether it finished, its findings (null when it failed) and its
 * per-slice scores.
 */
public record BprOutcome(ModelRun model, Status status, BodyPartFindings findings, List<SliceScore> slices) {
  public BprOutcome {
    slices = List.copyOf(slices);
  }
}
