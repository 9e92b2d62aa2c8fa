package io.ctpipe.models.qa;

import java.util.List;
import java.util.Map;

/**
 * TRUNCATED: the structure holds voxels in the scan's first or last slice along the superior-inferior axis, so it
 * continues beyond the scan. A warning for organs and lungs (their volume is partial), information otherwise.
 */
final class TruncationCheck implements StructureCheck {
  @Override
  public void judge(List<Segment> segments, Map<Integer, List<CheckOutcome>> outcomes) {
    for (Segment s : segments) {
      StructureFacts f = s.facts();
      Map<String, Object> numbers = Numbers.of("touchesSuperiorEnd", f.touchesSuperiorEnd(),
          "touchesInferiorEnd", f.touchesInferiorEnd(), "superiorExtentMm", f.boxMaxMm()[2],
          "inferiorExtentMm", f.boxMinMm()[2]);
      CheckOutcome outcome = !f.truncated() ? CheckOutcome.passed(FlagKind.TRUNCATED, numbers)
          : CheckOutcome.raised(FlagKind.TRUNCATED, StructureKind.of(s.name()).truncationSeverity(),
              "cut by the scan's " + (f.touchesSuperiorEnd() && f.touchesInferiorEnd() ? "superior and inferior ends"
                  : f.touchesSuperiorEnd() ? "superior end" : "inferior end"), numbers);
      StructureCheck.add(outcomes, s, outcome);
    }
  }
}
