package io.ctpipe.pipeline.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ctpipe.models.qa.CheckOutcome;
import io.ctpipe.models.qa.FlagKind;
import io.ctpipe.models.qa.QaReport;
import io.ctpipe.models.qa.Segment;
import io.ctpipe.models.qa.Severity;
import io.ctpipe.models.qa.StructureFacts;
import io.ctpipe.models.qa.StructureKind;
import java.util.List;
import java.util.Map;

/** The JSON shape {@code ctpipe qa segmentation --json} prints (docs/segmentation-qa.md). */
record QaReportJson(Grid grid, Midline midline, Severity worstSeverity, List<Flag> flags, List<SegmentJson> segments,
    List<String> warnings) {
  /** The CT grid the facts are measured on. */
  record Grid(int[] dims, double[] spacingMm, String superiorInferiorAxis) {}

  /** The midline laterality was judged against. */
  record Midline(double leftMm, String source) {}

  /** A raised flag; {@code structure} is left out inside a segment's own list. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Flag(String structure, FlagKind kind, Severity severity, String detail, Map<String, Object> numbers) {}

  /** A check that could not judge, and why. */
  record NotChecked(FlagKind kind, String reason) {}

  /** One structure's facts and outcomes. */
  record SegmentJson(int labelValue, String name, StructureKind kind, Facts facts, List<Flag> flags,
      List<FlagKind> passed, List<NotChecked> notChecked) {}

  /** {@link StructureFacts} as printed. */
  record Facts(long voxels, double volumeMl, int components, double largestComponentShare, double[] centroidMm,
      int[] boxMinVoxel, int[] boxMaxVoxel, double[] boxMinMm, double[] boxMaxMm, boolean touchesSuperiorEnd,
      boolean touchesInferiorEnd, boolean touchesFovEdge) {}

  static QaReportJson of(QaReport report, List<String> warnings) {
    Grid grid = new Grid(report.grid().dims(), report.grid().spacing(),
        "xyz".charAt(report.grid().superiorInferiorAxis()) + (report.grid().superiorAtLastIndex() ? "+" : "-"));
    Midline midline = report.midline() == null ? null
        : new Midline(round(report.midline().leftMm()), report.midline().source());
    List<Flag> flags = report.flags().stream().map(f -> flag(f.structure(), f.outcome())).toList();
    List<SegmentJson> segments = report.segments().stream().map(QaReportJson::segment).toList();
    return new QaReportJson(grid, midline, report.worstSeverity().orElse(null), flags, segments, warnings);
  }

  private static SegmentJson segment(QaReport.SegmentReport r) {
    Segment s = r.segment();
    StructureFacts f = s.facts();
    Facts facts = new Facts(f.voxels(), round(f.volumeMl()), f.components(), round(f.largestComponentShare()),
        round(f.centroidMm()), f.boxMinVoxel(), f.boxMaxVoxel(), round(f.boxMinMm()), round(f.boxMaxMm()),
        f.touchesSuperiorEnd(), f.touchesInferiorEnd(), f.touchesFovEdge());
    List<CheckOutcome> outcomes = r.outcomes();
    return new SegmentJson(s.labelValue(), s.name().name(), StructureKind.of(s.name()), facts,
        r.raised().stream().map(o -> flag(null, o)).toList(),
        outcomes.stream().filter(o -> o.status() == CheckOutcome.Status.PASSED).map(CheckOutcome::kind).distinct()
            .toList(),
        outcomes.stream().filter(o -> o.status() == CheckOutcome.Status.NOT_CHECKED)
            .map(o -> new NotChecked(o.kind(), o.detail())).toList());
  }

  private static Flag flag(String structure, CheckOutcome o) {
    return new Flag(structure, o.kind(), o.severity(), o.detail(), o.numbers());
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static double[] round(double[] v) {
    return java.util.Arrays.stream(v).map(QaReportJson::round).toArray();
  }
}
