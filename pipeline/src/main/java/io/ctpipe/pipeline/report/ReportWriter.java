package io.ctpipe.pipeline.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctpipe.dicom.DicomReader;
import io.ctpipe.dicom.seg.SegReader;
import io.ctpipe.dicom.seg.Segmentation;
import io.ctpipe.dicom.volume.CtSeries;
import io.ctpipe.dicom.volume.CtVolume;
import io.ctpipe.dicom.volume.SeriesScanner;
import io.ctpipe.dicom.volume.VolumeAssembler;
import io.ctpipe.models.bpr.BpregLookupTable;
import io.ctpipe.transforms.qa.QaTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Writes the static QA report of one run: {@code index.html} (the cohort) and {@code series/<uid>.html} (one per
 * series, with its body part score curve and segmentation overlays drawn from the written SEG read back over the
 * CT). Plain HTML, inline SVG and PNG files: opens from disk or a bucket, no server, no script.
 */
public final class ReportWriter {
  /** The organ landmarks drawn on the score curve (the vertebrae are left out: too close to read). */
  private static final java.util.Set<String> LANDMARKS = java.util.Set.of("pelvis_start", "femur_end", "pelvis_end",
      "kidney", "lung_start", "liver_end", "lung_end", "teeth", "nose", "eyes_end", "head_end");

  private ReportWriter() {}

  /** Writes the report; returns the cohort page. */
  public static Path write(QaRun run, Path out) throws IOException {
    Files.createDirectories(out.resolve("series"));
    CohortView cohort = new CohortView(run);
    Path index = out.resolve("index.html");
    Files.writeString(index, cohortPage(run, cohort));
    for (JsonNode series : run.rows(QaTable.SERIES_QA)) {
      String uid = series.path("series_instance_uid").asText();
      Files.writeString(out.resolve("series").resolve(uid + ".html"), seriesPage(run, cohort, series, out));
    }
    return index;
  }

  private static String cohortPage(QaRun run, CohortView cohort) {
    Html html = new Html("ctpipe QA report, run " + run.runId());
    long skipped = run.counter("series-skipped");
    html.table(List.of("series processed", "complete", "partial", "failed", "skipped (already done)",
        "manifest lines naming no series"), List.of(List.of(Long.toString(cohort.processed()),
            Long.toString(cohort.complete()), Long.toString(cohort.partial()), Span.count(cohort.failed()),
            skipped < 0 ? "not recorded" : Long.toString(skipped), Span.count(cohort.manifestProblems()))));
    html.heading("Dead letters");
    if (cohort.deadLetters().isEmpty()) {
      html.paragraph("None: every manifest line became a processed series.", "ok");
    }
    cohort.deadLetters().forEach((group, rows) -> {
      html.raw("<h3>" + Html.escape(group) + " (" + rows.size() + ")</h3>");
      html.table(List.of("manifest line", "series", "message"), rows.stream().map(r -> List.of(
          Html.escape(r.path("origin").asText()), Html.escape(r.path("series_instance_uid").asText("")),
          Html.escape(r.path("message").asText()))).toList());
    });
    html.heading("Series");
    List<List<String>> rows = new ArrayList<>();
    for (JsonNode s : run.rows(QaTable.SERIES_QA)) {
      String uid = s.path("series_instance_uid").asText();
      rows.add(List.of(Html.link("series/" + uid + ".html", uid), Html.escape(s.path("origin").asText()),
          s.path("columns").asText() + "×" + s.path("rows").asText() + "×" + s.path("slices").asText(),
          Html.escape(String.join("; ", texts(s.path("geometry_flags")))), Html.escape(bodyPart(s)),
          Html.escape(modelStatus(s)), String.format(Locale.ROOT, "%.1f", CohortView.stageSeconds(s))));
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
        Html.link("series/" + o.series() + ".html", o.series()), Html.escape(o.model()), Html.escape(o.label()),
        String.format(Locale.ROOT, "%.1f", o.volumeMl()), String.format(Locale.ROOT, "%.1f", o.z()))).toList();
    if (outliers.isEmpty()) {
      html.paragraph("No outlier series.", "ok");
    } else {
      html.table(List.of("outlier series", "model", "label", "volume (ml)", "robust z"), outliers);
    }
    html.heading("Run timings");
    List<JsonNode> slowest = new ArrayList<>(run.rows(QaTable.SERIES_QA));
    slowest.sort(Comparator.comparingDouble(CohortView::stageSeconds).reversed());
    html.table(List.of("series", "fetch s", "decode s", "bpr s", "segment s", "write s", "stage seconds"),
        slowest.stream().map(s -> List.of(Html.escape(s.path("series_instance_uid").asText()), secs(s, "fetch_ms"),
            secs(s, "decode_ms"), secs(s, "bpr_ms"), secs(s, "segment_ms"), secs(s, "write_ms"),
            String.format(Locale.ROOT, "%.1f", CohortView.stageSeconds(s)))).toList());
    html.paragraph(String.format(Locale.ROOT, "%.1f s of stage time per series on average (wall-clock on the "
        + "worker; a stage that runs on several threads uses that many cores).", cohort.meanStageSeconds()), "note");
    return html.finish();
  }

  private static String seriesPage(QaRun run, CohortView cohort, JsonNode s, Path out) throws IOException {
    String uid = s.path("series_instance_uid").asText();
    Html html = new Html("Series " + uid);
    html.raw("<p>" + Html.link("../index.html", "← cohort") + "</p>");
    JsonNode bpr = s.path("bpr");
    html.table(List.of("field", "value"), List.of(
        List.of("study", Html.escape(s.path("study_instance_uid").asText())),
        List.of("manifest line", Html.escape(s.path("origin").asText())),
        List.of("modality, instances", Html.escape(s.path("modality").asText() + ", " + s.path("instance_count")
            .asText())),
        List.of("grid", Html.escape(s.path("columns").asText() + " × " + s.path("rows").asText() + " × "
            + s.path("slices").asText() + " voxels of " + String.format(Locale.ROOT, "%.3g × %.3g × %.3g mm",
            s.path("spacing_x_mm").asDouble(), s.path("spacing_y_mm").asDouble(), s.path("spacing_z_mm").asDouble()))),
        List.of("geometry flags", Html.escape(texts(s.path("geometry_flags")).isEmpty() ? "none"
            : String.join("; ", texts(s.path("geometry_flags"))))),
        List.of("body part (DICOM / BPR)", Html.escape(bodyPart(s))),
        List.of("slice order", bpr.isObject() ? verdict(bpr.path("reversed_slice_order"), "reversed", "as expected")
            : "no body part regression"),
        List.of("z-spacing", bpr.isObject() ? verdict(bpr.path("valid_z_spacing"), "plausible", "implausible")
            + (bpr.path("estimated_z_spacing_mm").isNumber() ? Html.escape(String.format(Locale.ROOT,
            " (BPR estimates %.2f mm)", bpr.path("estimated_z_spacing_mm").asDouble())) : "") : ""),
        List.of("anomalous slices", Html.escape(bpr.path("anomalous_slices").asText("")))));
    if (bpr.path("untrained").asBoolean(false)) {
      html.paragraph("Body part regression model " + bpr.path("model_id").asText() + " is an UNTRAINED replica: the "
          + "curve below means nothing.", "bad");
    }
    List<Charts.Score> scores = new ArrayList<>();
    for (JsonNode r : run.rows(QaTable.SLICE_QA)) {
      if (uid.equals(r.path("series_instance_uid").asText())) {
        scores.add(new Charts.Score(r.path("z_mm").asDouble(), r.path("bpr_score").isNumber() ? r.path("bpr_score")
            .asDouble() : null, r.path("bpr_raw_score").asDouble(), r.path("anomaly").asBoolean()));
      }
    }
    if (!scores.isEmpty()) {
      scores.sort(Comparator.comparingDouble(Charts.Score::zMm));
      html.heading("Body part score curve");
      Map<String, Double> landmarks = new LinkedHashMap<>();
      BpregLookupTable.load().forEach((name, l) -> {
        if (LANDMARKS.contains(name)) {
          landmarks.put(name, l.mean());
        }
      });
      html.raw("<div class=\"chart\">" + Charts.scoreCurve(scores, landmarks) + "</div>");
    }
    html.heading("Segmentations");
    for (JsonNode model : s.path("models")) {
      overlay(html, cohort, s, model, out);
    }
    return html.finish();
  }

  private static void overlay(Html html, CohortView cohort, JsonNode s, JsonNode model, Path out) throws IOException {
    String uid = s.path("series_instance_uid").asText();
    String id = model.path("model_id").asText();
    html.raw("<h3>" + Html.escape(id) + " (" + Html.escape(model.path("status").asText()) + ")</h3>");
    if (model.path("untrained").asBoolean(false)) {
      html.paragraph("Model " + id + " is an UNTRAINED replica: its segmentation means nothing.", "bad");
    }
    String segPath = model.path("seg_path").asText("");
    String source = s.path("source_location").asText("");
    if (segPath.isEmpty() || segPath.contains("://") || source.isEmpty() || source.contains("://")) {
      html.paragraph("No overlay: the SEG or the CT is not on this machine (" + (segPath.isEmpty() ? "no SEG"
          : segPath) + ").", "note");
      return;
    }
    DicomReader reader = new DicomReader();
    Segmentation seg = SegReader.read(reader.read(Path.of(segPath)));
    CtSeries series = new SeriesScanner(reader).scan(Path.of(source)).series().stream()
        .filter(c -> c.seriesInstanceUid().equals(uid)).findFirst().orElse(null);
    if (series == null) {
      html.paragraph("No overlay: series " + uid + " is no longer at " + source + ".", "note");
      return;
    }
    CtVolume ct = new VolumeAssembler(reader).assemble(series);
    OverlayMontage.Result montage = OverlayMontage.draw(seg, ct);
    String image = uid + "-" + id + ".png";
    ImageIO.write(montage.image(), "png", out.resolve("series").resolve(image).toFile());
    html.raw("<img src=\"" + Html.escape(image) + "\" alt=\"" + Html.escape(id + " over the CT: axial, coronal, "
        + "sagittal") + "\" width=\"" + montage.image().getWidth() + "\" height=\"" + montage.image().getHeight()
        + "\"/>");
    Map<String, Double> volumes = cohort.volumes(uid, id);
    List<List<String>> legend = new ArrayList<>();
    seg.segments().forEach(info -> {
      int[] c = montage.colours().get(info.number());
      legend.add(List.of(String.format("<span class=\"swatch\" style=\"background:rgb(%d,%d,%d)\"></span>", c[0],
          c[1], c[2]) + Html.escape(info.label()), Html.escape(info.type() == null ? "" : info.type().meaning()),
          String.format(Locale.ROOT, "%.1f", volumes.getOrDefault(info.label(), 0.0))));
    });
    html.table(List.of("segment", "type", "volume (ml)"), legend);
  }

  private static String verdict(JsonNode flag, String whenTrue, String whenFalse) {
    if (!flag.isBoolean()) {
      return "not judged";
    }
    boolean reversedOrBad = whenTrue.equals("reversed") ? flag.asBoolean() : !flag.asBoolean();
    return Span.of(reversedOrBad ? "bad" : "ok", flag.asBoolean() ? whenTrue : whenFalse);
  }

  private static String secs(JsonNode s, String field) {
    return String.format(Locale.ROOT, "%.2f", s.path(field).asLong() / 1000.0);
  }

  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  static String bodyPart(JsonNode s) {
    String tag = s.path("dicom_body_part_examined").asText("");
    String bpr = s.path("bpr").path("body_part_examined_tag").asText("");
    return (tag.isEmpty() ? "(none)" : tag) + " / " + (bpr.isEmpty() ? "(none)" : bpr);
  }

  private static String modelStatus(JsonNode s) {
    List<String> out = new ArrayList<>();
    s.path("models").forEach(m -> out.add(m.path("model_id").asText() + ": " + m.path("status").asText() + ", "
        + m.path("labels_found").asText() + " labels"));
    return String.join("; ", out);
  }

  /** Small markup helpers for counts and verdicts. */
  private static final class Span {
    private Span() {}

    static String count(long n) {
      return n > 0 ? Html.span("bad", Long.toString(n)) : Long.toString(n);
    }

    static String of(String cssClass, String text) {
      return Html.span(cssClass, text);
    }
  }
}
