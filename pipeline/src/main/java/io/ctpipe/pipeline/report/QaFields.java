package io.ctpipe.pipeline.report;

import io.ctpipe.transforms.result.BprOutcome;
import io.ctpipe.transforms.result.SeriesResult;
import java.util.List;

/** Values of a series' result as the pages print them. */
final class QaFields {
  private QaFields() {}

  /** A text value, "" when missing. */
  static String text(Object value) {
    return value == null ? "" : value.toString();
  }

  /** [DICOM Body Part Examined, body part regression's tag], "(none)" where either is missing. */
  static List<String> bodyParts(SeriesResult s) {
    String tag = text(s.facts().dicomBodyPartExamined());
    BprOutcome bpr = s.bpr();
    String found = bpr == null || bpr.findings() == null ? "" : text(bpr.findings().tag());
    return List.of(tag.isEmpty() ? "(none)" : tag, found.isEmpty() ? "(none)" : found);
  }

  /** "DICOM tag / BPR tag", "(none)" where either is missing. */
  static String bodyPart(SeriesResult s) {
    return String.join(" / ", bodyParts(s));
  }

  /** Whether the series' body part regression model is an untrained replica. */
  static boolean bprUntrained(SeriesResult s) {
    return s.bpr() != null && s.bpr().model().untrained();
  }
}
