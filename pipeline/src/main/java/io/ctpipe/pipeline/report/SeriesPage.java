package io.ctpipe.pipeline.report;

import io.ctpipe.dicom.SafePaths;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * A series page: header facts and verdicts, the body part score curve, and each model's segmentation drawn from its
 * SEG read back over the CT, with a legend of volumes.
 */
final class SeriesPage {
  /** The organ landmarks drawn on the score curve (the vertebrae are left out: too close to read). */
  private static final Set<String> LANDMARKS = Set.of("pelvis_start", "femur_end", "pelvis_end",
      "kidney", "lung_start", "liver_end", "lung_end", "teeth", "nose", "eyes_end", "head_end");

  private SeriesPage() {}

  static String render(QaRun run, CohortView cohort, JsonNode s, Path out) throws IOException {
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
        List.of("geometry flags", Html.escape(QaFields.texts(s.path("geometry_flags")).isEmpty() ? "none"
            : String.join("; ", QaFields.texts(s.path("geometry_flags"))))),
        List.of("body part (DICOM / BPR)", Html.escape(QaFields.bodyPart(s))),
        List.of("slice order", bpr.isObject() ? verdict(bpr.path("reversed_slice_order"), "reversed",
            "as expected", true) : "no body part regression"),
        List.of("z-spacing", bpr.isObject() ? verdict(bpr.path("valid_z_spacing"), "plausible", "implausible",
            false) + (bpr.path("estimated_z_spacing_mm").isNumber() ? Html.escape(String.format(Locale.ROOT,
            " (BPR estimates %.2f mm)", bpr.path("estimated_z_spacing_mm").asDouble())) : "") : ""),
        List.of("anomalous slices", Html.escape(bpr.path("anomalous_slices").asText("")))));
    if (bpr.path("untrained").asBoolean(false)) {
      html.paragraph("Body part regression model " + bpr.path("model_id").asText() + " is an UNTRAINED replica: the "
          + "curve below means nothing.", "bad");
    }
    List<Charts.Score> scores = new ArrayList<>();
    for (JsonNode r : run.rowsOf(QaTable.SLICE_QA, uid)) {
      scores.add(new Charts.Score(r.path("z_mm").asDouble(), r.path("bpr_score").isNumber() ? r.path("bpr_score")
          .asDouble() : null, r.path("bpr_raw_score").asDouble(), r.path("anomaly").asBoolean()));
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
    String image = uid + "-" + SafePaths.requireFileName("model id", id) + ".png";
    ImageIO.write(montage.image(), "png", SafePaths.under(out, "series", image).toFile());
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

  /** A yes/no QA flag in words, red when it is the bad answer. */
  private static String verdict(JsonNode flag, String whenTrue, String whenFalse, boolean trueIsBad) {
    if (!flag.isBoolean()) {
      return "not judged";
    }
    boolean bad = flag.asBoolean() == trueIsBad;
    return Html.span(bad ? "bad" : "ok", flag.asBoolean() ? whenTrue : whenFalse);
  }
}
