package io.ctpipe.models.qa;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A segmentation's judgement: the grid, the midline used (null when none could be found), and each structure's
 * facts and check outcomes.
 */
public record QaReport(VoxelGrid grid, Midline midline, List<SegmentReport> segments) {
  /** One structure's facts and outcomes. */
  public record SegmentReport(Segment segment, List<CheckOutcome> outcomes) {
    public List<CheckOutcome> raised() {
      return outcomes.stream().filter(CheckOutcome::isRaised).toList();
    }
  }

  /** Every raised outcome with the structure it concerns, most severe first. */
  public List<SeriesFlag> flags() {
    return segments.stream().flatMap(r -> r.raised().stream().map(o -> new SeriesFlag(r.segment().name().name(), o)))
        .sorted(Comparator.comparing((SeriesFlag f) -> f.outcome().severity()).reversed()).toList();
  }

  /** The most severe raised flag's severity, if any flag was raised. */
  public Optional<Severity> worstSeverity() {
    return flags().stream().map(f -> f.outcome().severity()).findFirst();
  }

  /** A raised outcome named by its structure. */
  public record SeriesFlag(String structure, CheckOutcome outcome) {}
}
