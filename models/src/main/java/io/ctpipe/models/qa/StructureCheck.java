package io.ctpipe.models.qa;

import java.util.List;
import java.util.Map;

/** One plausibility check over all structures of a segmentation; adds its outcomes per label value. */
interface StructureCheck {
  void judge(List<Segment> segments, Map<Integer, List<CheckOutcome>> outcomes);

  /** Adds an outcome to a segment's list. */
  static void add(Map<Integer, List<CheckOutcome>> outcomes, Segment segment, CheckOutcome outcome) {
    outcomes.computeIfAbsent(segment.labelValue(), v -> new java.util.ArrayList<>()).add(outcome);
  }
}
