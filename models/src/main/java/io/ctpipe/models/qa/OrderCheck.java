package io.ctpipe.models.qa;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * ORDER: along the superior-inferior axis the lungs' centroid must lie above the liver's and the liver's above the
 * urinary bladder's (lungs above the bladder when there is no liver), and each vertebra's centroid above the next
 * lower vertebra present. Each structure of a pair gets the outcome; groups (the lung lobes) use their
 * voxel-weighted centroid.
 */
final class OrderCheck implements StructureCheck {
  private record Group(String name, Predicate<StructureName> member) {}

  private static final Group LUNGS = new Group("lungs", n -> StructureKind.of(n) == StructureKind.LUNG);
  private static final Group LIVER = new Group("liver", n -> n.name().equals("liver"));
  private static final Group BLADDER = new Group("urinary_bladder", n -> n.name().equals("urinary_bladder"));

  @Override
  public void judge(List<Segment> segments, Map<Integer, List<CheckOutcome>> outcomes) {
    boolean liver = segments.stream().anyMatch(s -> LIVER.member().test(s.name()));
    compare(segments, LUNGS, LIVER, outcomes);
    compare(segments, LIVER, BLADDER, outcomes);
    if (!liver) {
      compare(segments, LUNGS, BLADDER, outcomes);
    }
    List<Segment> vertebrae = segments.stream().filter(s -> s.name().vertebraLevel().isPresent())
        .sorted(Comparator.comparing(s -> s.name().vertebraLevel().orElseThrow())).toList();
    for (int i = 0; i + 1 < vertebrae.size(); i++) {
      Segment upper = vertebrae.get(i);
      Segment lower = vertebrae.get(i + 1);
      judge(upper.name().name(), List.of(upper), lower.name().name(), List.of(lower), outcomes);
    }
  }

  private static void compare(List<Segment> segments, Group upper, Group lower,
      Map<Integer, List<CheckOutcome>> outcomes) {
    List<Segment> above = segments.stream().filter(s -> upper.member().test(s.name())).toList();
    List<Segment> below = segments.stream().filter(s -> lower.member().test(s.name())).toList();
    if (!above.isEmpty() && !below.isEmpty()) {
      judge(upper.name(), above, lower.name(), below, outcomes);
    }
  }

  private static void judge(String upperName, List<Segment> above, String lowerName, List<Segment> below,
      Map<Integer, List<CheckOutcome>> outcomes) {
    double upper = superiorMm(above);
    double lower = superiorMm(below);
    Map<String, Object> numbers = Numbers.of("above", upperName, "aboveSuperiorMm", upper, "below", lowerName,
        "belowSuperiorMm", lower, "gapMm", upper - lower);
    CheckOutcome outcome = upper > lower ? CheckOutcome.passed(FlagKind.ORDER, numbers)
        : CheckOutcome.raised(FlagKind.ORDER, Severity.ERROR, String.format("%s lies %.1f mm below %s", upperName,
            lower - upper, lowerName), numbers);
    above.forEach(s -> StructureCheck.add(outcomes, s, outcome));
    below.forEach(s -> StructureCheck.add(outcomes, s, outcome));
  }

  private static double superiorMm(List<Segment> group) {
    double weighted = 0;
    long voxels = 0;
    for (Segment s : group) {
      weighted += s.superiorMm() * s.facts().voxels();
      voxels += s.facts().voxels();
    }
    return weighted / voxels;
  }
}
