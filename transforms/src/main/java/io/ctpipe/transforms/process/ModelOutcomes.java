package io.ctpipe.transforms.process;

import io.ctpipe.models.bpr.BprCard;
import io.ctpipe.models.bpr.BprReport;
import io.ctpipe.models.bpr.ScoreCurve;
import io.ctpipe.models.bpr.SliceAnomalies;
import io.ctpipe.models.card.ModelCard;
import io.ctpipe.models.runtime.ResolvedInference;
import io.ctpipe.transforms.result.BodyPartFindings;
import io.ctpipe.transforms.result.BprOutcome;
import io.ctpipe.transforms.result.LabelStatistics;
import io.ctpipe.transforms.result.ModelRun;
import io.ctpipe.transforms.result.SliceScore;
import io.ctpipe.transforms.result.Status;
import io.ctpipe.transforms.result.VoxelBox;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The typed outcomes of the models on a series, from their cards, resolved backends and results. */
final class ModelOutcomes {
  private ModelOutcomes() {}

  /** Which model ran, and on what ("" for a card without SHA-256). */
  static ModelRun run(String id, String version, String sha256, boolean untrained, ResolvedInference runs) {
    return new ModelRun(id, version, sha256 == null ? "" : sha256, untrained, runs.describe(), runs.reason());
  }

  /** Body part regression: the report's tag, flags, z-spacing check and slice scores (none when it failed). */
  static BprOutcome bpr(BprCard card, ResolvedInference runs, BprReport report, boolean failed) {
    ModelRun model = run(card.id(), card.version(), card.sha256(), card.untrained(), runs);
    Status status = failed ? Status.FAILED : Status.OK;
    if (report == null) {
      return new BprOutcome(model, status, null, List.of());
    }
    ScoreCurve c = report.curve();
    BodyPartFindings findings = new BodyPartFindings(report.tag(), report.bodyPartCheck().agreement().name(),
        report.bodyPartCheck().mismatch(), c.reversed(), Double.isNaN(c.validZSpacing()) ? null
            : c.validZSpacing() == 1, finite(Math.abs(c.expectedZSpacing())), finite(c.slopeRatio()),
        report.anomalies().slices().size());
    return new BprOutcome(model, status, findings, slices(report));
  }

  /** One score per slice: cleaned and raw transformed score, anomaly flag. */
  private static List<SliceScore> slices(BprReport report) {
    Set<Integer> anomalous = new HashSet<>();
    for (SliceAnomalies.Anomaly a : report.anomalies().slices()) {
      anomalous.add(a.index());
    }
    List<SliceScore> scores = new ArrayList<>();
    double[] cleaned = report.curve().cleaned();
    for (int i = 0; i < cleaned.length; i++) {
      scores.add(new SliceScore(i, report.axes().volumeSlice(i), report.curve().z()[i], Double.isNaN(cleaned[i])
          ? null : cleaned[i], report.curve().unprocessed()[i], anomalous.contains(i)));
    }
    return scores;
  }

  /** A label's statistics under the card's name for it ("label_N" for a value the card does not name). */
  static LabelStatistics label(ModelCard card, SegmentStatistics s) {
    String label = s.label() <= card.labels().size() ? card.labels().get(s.label() - 1).label() : "label_" + s.label();
    return new LabelStatistics(s.label(), label, s.voxels(), s.millilitres(), s.meanHu(), s.stdHu(), new VoxelBox(
        s.min()[0], s.min()[1], s.min()[2], s.max()[0], s.max()[1], s.max()[2]));
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
