package io.ctpipe.pipeline.report;

import io.ctpipe.transforms.qa.Stage;
import io.ctpipe.transforms.result.DeadLetter;
import io.ctpipe.transforms.result.LabelStatistics;
import io.ctpipe.transforms.result.ModelOutcome;
import io.ctpipe.transforms.result.SeriesResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the cohort page shows, computed once from a run's results. */
final class CohortView {
  /** A series whose volume of a label is far from the cohort's. */
  record Outlier(String series, String model, String label, double volumeMl, double z) {}

  private record Volume(String series, double ml) {}

  private final QaRun run;
  private final Map<String, List<DeadLetter>> deadLetters = new TreeMap<>();
  private final Map<String, Map<String, List<Charts.Dot>>> strips = new TreeMap<>();
  private final List<Outlier> outliers = new ArrayList<>();

  CohortView(QaRun run) {
    this.run = run;
    for (DeadLetter d : run.deadLetters()) {
      deadLetters.computeIfAbsent(QaFields.text(d.stage() == null ? null : d.stage().column()) + ": "
          + QaFields.text(d.errorClass()).replaceFirst(".*\\.", ""), k -> new ArrayList<>()).add(d);
    }
    Map<String, Map<String, List<Volume>>> byModelLabel = new TreeMap<>();
    for (SeriesResult s : run.series()) {
      for (ModelOutcome m : s.models()) {
        for (LabelStatistics l : m.labels()) {
          byModelLabel.computeIfAbsent(QaFields.text(m.model().id()), k -> new TreeMap<>())
              .computeIfAbsent(QaFields.text(l.label()), k -> new ArrayList<>())
              .add(new Volume(QaFields.text(s.facts().seriesInstanceUid()), l.volumeMl()));
        }
      }
    }
    byModelLabel.forEach((model, labels) -> labels.forEach((label, rows) -> {
      double[] volumes = rows.stream().mapToDouble(Volume::ml).toArray();
      double[] z = RobustZ.of(volumes);
      List<Charts.Dot> dots = new ArrayList<>();
      for (int i = 0; i < volumes.length; i++) {
        String series = rows.get(i).series();
        boolean outlier = RobustZ.outlier(z[i]);
        dots.add(new Charts.Dot(series, volumes[i], outlier));
        if (outlier) {
          outliers.add(new Outlier(series, model, label, volumes[i], z[i]));
        }
      }
      strips.computeIfAbsent(model, k -> new LinkedHashMap<>()).put(label, dots);
    }));
  }

  long processed() {
    return run.series().size();
  }

  /** Series whose every model finished. */
  long complete() {
    return run.series().stream().filter(SeriesResult::allModelsOk).count();
  }

  long partial() {
    return processed() - complete();
  }

  /** Dead letters of series (not of manifest lines). */
  long failed() {
    return run.deadLetters().stream().filter(d -> d.stage() != Stage.MANIFEST).count();
  }

  long manifestProblems() {
    return run.deadLetters().size() - failed();
  }

  /** Dead letters grouped by "stage: exception class", each with its manifest line and message. */
  Map<String, List<DeadLetter>> deadLetters() {
    return deadLetters;
  }

  /** Series per geometry flag (its code, without the numbers). */
  Map<String, Long> flagCounts() {
    Map<String, Long> out = new TreeMap<>();
    for (SeriesResult s : run.series()) {
      for (String f : s.facts().geometryFlags()) {
        out.merge(f.replaceFirst("\\(.*", ""), 1L, Long::sum);
      }
    }
    if (out.isEmpty()) {
      out.put("none", (long) run.series().size());
    }
    return out;
  }

  /** Series per (DICOM Body Part Examined, body part regression tag). */
  Map<List<String>, Long> bodyParts() {
    Map<List<String>, Long> out = new LinkedHashMap<>();
    for (SeriesResult s : run.series()) {
      out.merge(QaFields.bodyParts(s), 1L, Long::sum);
    }
    return out;
  }

  boolean bprUntrained() {
    return run.series().stream().anyMatch(QaFields::bprUntrained);
  }

  /** Per model, per label, one dot per series. */
  Map<String, Map<String, List<Charts.Dot>>> volumeStrips() {
    return strips;
  }

  List<Outlier> outliers() {
    return outliers;
  }

  double meanStageSeconds() {
    return run.series().stream().mapToDouble(s -> s.timings().totalSeconds()).average().orElse(0);
  }
}
