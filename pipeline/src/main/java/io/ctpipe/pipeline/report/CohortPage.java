package io.ctpipe.pipeline.report;

import io.ctpipe.transforms.result.ModelOutcome;
import io.ctpipe.transforms.result.SeriesFacts;
import io.ctpipe.transforms.result.SeriesResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The cohort page: counts, dead letters, series, geometry flags, body parts, label volumes and outliers, timings. */
final class CohortPage {
  private CohortPage() {}

  static String render(QaRun run, CohortView cohort) {
    Html html = new Html("ctpipe QA report, run " + run.runId());
    long reused = run.counter("series-reused");
    html.table(List.of("series", "complete", "partial", "failed", "of these reused from earlier runs",
        "manifest lines naming no series"), List.of(List.of(Long.toString(cohort.processed()),
            Long.toString(cohort.complete()), Long.toString(cohort.partial()), count(cohort.failed()),
            reused < 0 ? "not recorded" : Long.toString(reused), count(cohort.manifestProblems()))));
    html.heading("Dead letters");
    if (cohort.deadLetters().isEmpty()) {
      html.paragraph("None: every manifest line became a processed series.", "ok");
    }
    cohort.deadLetters().forEach((group, rows) -> {
      html.raw("<h3>" + Html.escape(group) + " (" + rows.size() + ")</h3>");
      html.table(List.of("manifest line", "series", "message"), rows.stream().map(r -> List.of(
          Html.escape(QaFields.text(r.origin())), Html.escape(QaFields.text(r.seriesInstanceUid())),
          Html.escape(QaFields.text(r.message())))).toList());
    });
    html.heading("Series");
    List<List<String>> rows = new ArrayList<>();
    for (SeriesResult s : run.series()) {
      SeriesFacts f = s.facts();
      rows.add(List.of(Html.seriesLink(QaFields.text(f.seriesInstanceUid())), Html.escape(QaFields.text(f.origin())),
          f.grid().columns() + "×" + f.grid().rows() + "×" + f.grid().slices(),
          Html.escape(String.join("; ", f.geometryFlags())), Html.escape(QaFields.bodyPart(s)),
          Html.escape(modelStatus(s)), String.format(Locale.ROOT, "%.1f", s.timings().totalSeconds())));
    }
    html.table(List.of("series", "manifest line", "grid", "geometry flags", "body part (DICOM / BPR)", "models",
        "stage seconds"), rows);
    html.heading("Geometry flags");
    html.table(List.of("flag", "series"), cohort.flagCounts().entrySet().stream().map(e -> List.of(
        Html.escape(e.getKey()), Long.toString(e.getValue()))).toList());
    html.heading("Body part examined: DICOM tag against body part regression");
    if (cohort.bprUntrained()) {
      html.paragraph("The body part regression model of this run is an UNTRAINED replica: its column means nothing.",
          "bad");
    }
    html.table(List.of("DICOM Body Part Examined", "BPR body part", "series"), cohort.bodyParts().entrySet().stream()
        .map(e -> List.of(Html.escape(e.getKey().get(0)), Html.escape(e.getKey().get(1)),
            Long.toString(e.getValue()))).toList());
    html.heading("Label volumes across the cohort");
    html.paragraph("Each dot is a series; red dots are outliers (robust z-score beyond " + RobustZ.THRESHOLD
        + ": median and MAD of the label's volumes, at least 4 series).", "note");
    cohort.volumeStrips().forEach((model, strips) -> {
      html.raw("<h3>" + Html.escape(model) + "</h3>");
      html.raw("<div class=\"chart\">" + Charts.volumeStrips(strips) + "</div>");
    });
    List<List<String>> outliers = cohort.outliers().stream().map(o -> List.of(
        Html.seriesLink(o.series()), Html.escape(o.model()), Html.escape(o.label()),
        String.format(Locale.ROOT, "%.1f", o.volumeMl()), String.format(Locale.ROOT, "%.1f", o.z()))).toList();
    if (outliers.isEmpty()) {
      html.paragraph("No outlier series.", "ok");
    } else {
      html.table(List.of("outlier series", "model", "label", "volume (ml)", "robust z"), outliers);
    }
    html.heading("Run timings");
    List<SeriesResult> slowest = new ArrayList<>(run.series());
    slowest.sort(Comparator.comparingDouble((SeriesResult s) -> s.timings().totalSeconds()).reversed());
    html.table(List.of("series", "fetch s", "decode s", "bpr s", "segment s", "write s", "stage seconds"),
        slowest.stream().map(s -> List.of(Html.escape(QaFields.text(s.facts().seriesInstanceUid())),
            secs(s.timings().fetchMs()), secs(s.timings().decodeMs()), secs(s.timings().bprMs()),
            secs(s.timings().segmentMs()), secs(s.timings().writeMs()),
            String.format(Locale.ROOT, "%.1f", s.timings().totalSeconds()))).toList());
    html.paragraph(String.format(Locale.ROOT, "%.1f s of stage time per series on average (wall-clock on the "
        + "worker; a stage that runs on several threads uses that many cores).", cohort.meanStageSeconds()), "note");
    return html.finish();
  }

  private static String secs(long ms) {
    return String.format(Locale.ROOT, "%.2f", ms / 1000.0);
  }

  private static String modelStatus(SeriesResult s) {
    List<String> out = new ArrayList<>();
    for (ModelOutcome m : s.models()) {
      out.add(QaFields.text(m.model().id()) + ": " + QaFields.text(m.status() == null ? null : m.status().column())
          + ", " + m.labelsFound() + " labels");
    }
    return String.join("; ", out);
  }

  /** A count, in red when it is not 0. */
  private static String count(long n) {
    return n > 0 ? Html.span("bad", Long.toString(n)) : Long.toString(n);
  }
}
