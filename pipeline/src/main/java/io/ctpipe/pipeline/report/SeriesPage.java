package io.ctpipe.pipeline.report;

import io.ctpipe.dicom.DicomReader;
import io.ctpipe.dicom.SafePaths;
import io.ctpipe.dicom.seg.SegReader;
import io.ctpipe.dicom.seg.Segmentation;
import io.ctpipe.dicom.volume.CtSeries;
import io.ctpipe.dicom.volume.CtVolume;
import io.ctpipe.dicom.volume.SeriesScanner;
import io.ctpipe.dicom.volume.VolumeAssembler;
import io.ctpipe.models.bpr.BpregLookupTable;
import io.ctpipe.transforms.result.BodyPartFindings;
import io.ctpipe.transforms.result.BprOutcome;
import io.ctpipe.transforms.result.LabelStatistics;
import io.ctpipe.transforms.result.ModelOutcome;
import io.ctpipe.transforms.result.SeriesFacts;
import io.ctpipe.transforms.result.SeriesResult;
import io.ctpipe.transforms.result.SliceScore;
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

  /** What a series without body part regression findings shows: nothing judged. */
  private static final BodyPartFindings NOT_JUDGED = new BodyPartFindings(null, null, null, null, null, null, null,
      null);

  private SeriesPage() {}

  static String render(SeriesResult s, Path out) throws IOException {
    SeriesFacts f = s.facts();
    String uid = QaFields.text(f.seriesInstanceUid());
    Html html = new Html("Series " + uid);
    html.raw("<p>" + Html.link("../index.html", "← cohort") + "</p>");
    BprOutcome bpr = s.bpr();
    BodyPartFindings found = bpr == null || bpr.findings() == null ? NOT_JUDGED : bpr.findings();
    html.table(List.of("field", "value"), List.of(
        List.of("study", Html.escape(QaFields.text(f.studyInstanceUid()))),
        List.of("manifest line", Html.escape(QaFields.text(f.origin()))),
        List.of("modality, instances", Html.escape(QaFields.text(f.modality()) + ", " + f.instanceCount())),
        List.of("grid", Html.escape(f.grid().columns() + " × " + f.grid().rows() + " × " + f.grid().slices()
            + " voxels of " + String.format(Locale.ROOT, "%.3g × %.3g × %.3g mm", f.grid().spacingXMm(),
            f.grid().spacingYMm(), f.grid().spacingZMm()))),
        List.of("geometry flags", Html.escape(f.geometryFlags().isEmpty() ? "none"
            : String.join("; ", f.geometryFlags()))),
        List.of("body part (DICOM / BPR)", Html.escape(QaFields.bodyPart(s))),
        List.of("slice order", bpr != null ? verdict(found.reversedSliceOrder(), "reversed", "as expected", true)
            : "no body part regression"),
        List.of("z-spacing", bpr != null ? verdict(found.validZSpacing(), "plausible", "implausible", false)
            + (found.estimatedZSpacingMm() != null ? Html.escape(String.format(Locale.ROOT,
            " (BPR estimates %.2f mm)", found.estimatedZSpacingMm())) : "") : ""),
        List.of("anomalous slices", Html.escape(QaFields.text(found.anomalousSlices())))));
    if (QaFields.bprUntrained(s)) {
      html.paragraph("Body part regression model " + bpr.model().id() + " is an UNTRAINED replica: the "
          + "curve below means nothing.", "bad");
    }
    List<Charts.Score> scores = new ArrayList<>();
    for (SliceScore r : bpr == null ? List.<SliceScore>of() : bpr.slices()) {
      scores.add(new Charts.Score(r.zMm(), r.score(), r.rawScore(), r.anomaly()));
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
    for (ModelOutcome model : s.models()) {
      overlay(html, s, model, out);
    }
    return html.finish();
  }

  private static void overlay(Html html, SeriesResult s, ModelOutcome model, Path out) throws IOException {
    String uid = QaFields.text(s.facts().seriesInstanceUid());
    String id = QaFields.text(model.model().id());
    html.raw("<h3>" + Html.escape(id) + " (" + Html.escape(QaFields.text(model.status() == null ? null
        : model.status().column())) + ")</h3>");
    if (model.model().untrained()) {
      html.paragraph("Model " + id + " is an UNTRAINED replica: its segmentation means nothing.", "bad");
    }
    String segPath = model.seg() == null ? "" : QaFields.text(model.seg().path());
    String source = QaFields.text(s.facts().sourceLocation());
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
    Map<String, Double> volumes = new LinkedHashMap<>();
    for (LabelStatistics label : model.labels()) {
      volumes.put(QaFields.text(label.label()), label.volumeMl());
    }
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
  private static String verdict(Boolean flag, String whenTrue, String whenFalse, boolean trueIsBad) {
    if (flag == null) {
      return "not judged";
    }
    boolean bad = flag == trueIsBad;
    return Html.span(bad ? "bad" : "ok", flag ? whenTrue : whenFalse);
  }
}
