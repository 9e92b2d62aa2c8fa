package io.ctpipe.models.qa;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * LATERALITY: a structure whose name says left or right lies on the other side of the midline by more than
 * {@link #MARGIN_MM}, or lies on the other side of its partner (kidney_left to the right of kidney_right).
 * In LPS, the patient's left is +x, whatever the scan's orientation or the file's axis order.
 */
final class LateralityCheck implements StructureCheck {
  /** How far past the midline a sided structure's centroid may lie (structures near the midline, e.g. veins). */
  static final double MARGIN_MM = 10;

  private final Optional<Midline> midline;

  LateralityCheck(Optional<Midline> midline) {
    this.midline = midline;
  }

  @Override
  public void judge(List<Segment> segments, Map<Integer, List<CheckOutcome>> outcomes) {
    for (Segment s : segments) {
      s.name().side().ifPresent(side -> StructureCheck.add(outcomes, s, judge(s, side, segments)));
    }
  }

  private CheckOutcome judge(Segment s, StructureName.Side side, List<Segment> segments) {
    double sign = side == StructureName.Side.LEFT ? 1 : -1;
    List<Object> numbers = new ArrayList<>(List.of("centroidLeftMm", s.leftMm()));
    List<String> reasons = new ArrayList<>();
    midline.ifPresent(m -> {
      double wrongSide = -sign * (s.leftMm() - m.leftMm());
      numbers.addAll(List.of("midlineLeftMm", m.leftMm(), "midlineSource", m.source(), "pastMidlineMm",
          wrongSide));
      if (wrongSide > MARGIN_MM) {
        reasons.add(String.format("centroid %.1f mm on the %s side of the midline", wrongSide,
            side.other().name().toLowerCase(java.util.Locale.ROOT)));
      }
    });
    Optional<Segment> partner = s.name().partner().flatMap(p -> segments.stream()
        .filter(o -> o.name().equals(p)).findFirst());
    partner.ifPresent(p -> {
      double separation = sign * (s.leftMm() - p.leftMm());
      numbers.addAll(List.of("partner", p.name().name(), "partnerLeftMm", p.leftMm(), "separationMm",
          separation));
      if (separation < 0) {
        reasons.add(String.format("lies %.1f mm on the wrong side of %s (pair swapped)", -separation,
            p.name().name()));
      }
    });
    if (midline.isEmpty() && partner.isEmpty()) {
      return CheckOutcome.notChecked(FlagKind.LATERALITY, "no midline (no midline structure, no body in the CT) "
          + "and no partner");
    }
    Map<String, Object> values = Numbers.of(numbers.toArray());
    return reasons.isEmpty() ? CheckOutcome.passed(FlagKind.LATERALITY, values)
        : CheckOutcome.raised(FlagKind.LATERALITY, Severity.ERROR, String.join("; ", reasons), values);
  }
}
