package io.ctpipe.models.qa;

import java.util.List;
import java.util.Map;

/**
 * FRAGMENTED: more pieces holding {@link StructureKind#SIGNIFICANT_SHARE} or more of the voxels than the
 * structure's kind allows, or (for one-piece kinds) a largest piece holding less than the kind's share. A structure
 * cut by the scan's end is allowed one more piece, since its pieces may join outside the scan.
 */
final class FragmentationCheck implements StructureCheck {
  @Override
  public void judge(List<Segment> segments, Map<Integer, List<CheckOutcome>> outcomes) {
    for (Segment s : segments) {
      StructureCheck.add(outcomes, s, judge(s));
    }
  }

  static CheckOutcome judge(Segment s) {
    StructureKind kind = StructureKind.of(s.name());
    StructureFacts f = s.facts();
    long significant = java.util.Arrays.stream(f.largestComponents())
        .filter(c -> c >= StructureKind.SIGNIFICANT_SHARE * f.voxels()).count();
    int allowed = kind.allowedPieces() + (f.truncated() ? 1 : 0);
    double share = f.largestComponentShare();
    Map<String, Object> numbers = Numbers.of("kind", kind.name(), "components", f.components(),
        "significantComponents", significant, "allowedSignificant", allowed, "largestShare", share,
        "requiredLargestShare", kind.minLargestShare());
    if (significant > allowed) {
      return CheckOutcome.raised(FlagKind.FRAGMENTED, Severity.WARNING, significant + " pieces of at least "
          + (int) (StructureKind.SIGNIFICANT_SHARE * 100) + " % each, " + allowed + " allowed", numbers);
    }
    if (allowed == 1 && share < kind.minLargestShare()) {
      return CheckOutcome.raised(FlagKind.FRAGMENTED, Severity.WARNING, String.format(
          "largest piece holds %.1f %% of the voxels, %.0f %% required", share * 100, kind.minLargestShare() * 100),
          numbers);
    }
    return CheckOutcome.passed(FlagKind.FRAGMENTED, numbers);
  }
}
