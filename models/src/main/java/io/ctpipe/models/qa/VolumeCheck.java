package io.ctpipe.models.qa;

import java.util.List;
import java.util.Map;

/**
 * VOLUME: outside the structure's {@link VolumeReference} range. A structure cut by the scan's end is only held to
 * the upper bound (its visible part may be any size). Structures without a reference are not checked.
 */
final class VolumeCheck implements StructureCheck {
  @Override
  public void judge(List<Segment> segments, Map<Integer, List<CheckOutcome>> outcomes) {
    for (Segment s : segments) {
      StructureCheck.add(outcomes, s, VolumeReference.of(s.name()).map(r -> judge(s, r)).orElse(
          CheckOutcome.notChecked(FlagKind.VOLUME, "no reference volume for " + s.name().name())));
    }
  }

  private static CheckOutcome judge(Segment s, VolumeReference r) {
    double ml = s.facts().volumeMl();
    boolean lowerChecked = !s.facts().truncated();
    Map<String, Object> numbers = Numbers.of("volumeMl", ml, "minMl", r.minMl(), "maxMl", r.maxMl(),
        "lowerBoundChecked", lowerChecked);
    if (ml > r.maxMl()) {
      return CheckOutcome.raised(FlagKind.VOLUME, Severity.WARNING,
          String.format("%.1f ml is above the reference range's %.1f ml", ml, r.maxMl()), numbers);
    }
    if (lowerChecked && ml < r.minMl()) {
      return CheckOutcome.raised(FlagKind.VOLUME, Severity.WARNING,
          String.format("%.1f ml is below the reference range's %.1f ml", ml, r.minMl()), numbers);
    }
    return CheckOutcome.passed(FlagKind.VOLUME, numbers);
  }
}
