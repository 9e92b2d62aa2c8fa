package io.ctpipe.pipeline.report;

import io.ctpipe.dicom.SafePaths;
import io.ctpipe.dicom.UidGrammar;
import io.ctpipe.transforms.result.SeriesResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the static QA report of one run: {@code index.html} (the cohort) and {@code series/<uid>.html} (one per
 * series, with its body part score curve and segmentation overlays drawn from the written SEG read back over the
 * CT). A series whose SeriesInstanceUID is not a DICOM UID gets no page (the cohort page marks it); every file is
 * written through {@link SafePaths}, below {@code out}. Plain HTML, inline SVG and PNG files: opens from disk or a
 * bucket, no server, no script.
 */
public final class ReportWriter {
  private static final Logger LOG = LoggerFactory.getLogger(ReportWriter.class);

  private ReportWriter() {}

  /** Writes the report; returns the cohort page. */
  public static Path write(QaRun run, Path out) throws IOException {
    Files.createDirectories(out.resolve("series"));
    CohortView cohort = new CohortView(run);
    Path index = out.resolve("index.html");
    Files.writeString(index, CohortPage.render(run, cohort));
    for (SeriesResult series : run.series()) {
      String uid = QaFields.text(series.facts().seriesInstanceUid());
      if (!UidGrammar.isValid(uid)) {
        LOG.warn("no page for the series of manifest line {}: its SeriesInstanceUID is not a DICOM UID",
            series.facts().origin());
        continue;
      }
      Files.writeString(SafePaths.under(out, "series", uid + ".html"), SeriesPage.render(series, out));
    }
    return index;
  }
}
