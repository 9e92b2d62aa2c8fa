package io.ctpipe.pipeline.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Values of a series_qa row as the pages print them. */
final class QaFields {
  private QaFields() {}

  /** The texts of a JSON array. */
  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** "DICOM tag / BPR tag", "(none)" where either is missing. */
  static String bodyPart(JsonNode s) {
    String tag = s.path("dicom_body_part_examined").asText("");
    String bpr = s.path("bpr").path("body_part_examined_tag").asText("");
    return (tag.isEmpty() ? "(none)" : tag) + " / " + (bpr.isEmpty() ? "(none)" : bpr);
  }
}
