package io.ctpipe.models.qa;

import io.ctpipe.dicom.seg.CodedConcept;
import io.ctpipe.dicom.seg.SegmentDescription;
import io.ctpipe.dicom.seg.SegmentInfo;
import io.ctpipe.dicom.seg.Terminology;
import java.util.Objects;

/**
 * The structure name the checks know a DICOM SEG segment by: its label when that is a name of the whole-body CT
 * table ("kidney_left", "Kidney Left"), else the table's name for the same type and modifier codes (a SEG labelled
 * "Left kidney" with SCT 64033007 Kidney, modifier Left is kidney_left), else the label as it is.
 */
public final class SegmentNames {
  private SegmentNames() {}

  public static String of(SegmentInfo segment, Terminology terminology) {
    String label = StructureName.of(segment.label() == null ? "segment_" + segment.number() : segment.label()).name();
    if (terminology.byName(label).isPresent()) {
      return label;
    }
    return terminology.entries().stream().filter(d -> sameCode(d.type(), segment.type())
        && sameCode(d.modifier(), segment.modifier())).map(SegmentDescription::label).findFirst().orElse(label);
  }

  private static boolean sameCode(CodedConcept a, CodedConcept b) {
    return a == null || b == null ? a == b
        : Objects.equals(a.scheme(), b.scheme()) && Objects.equals(a.code(), b.code());
  }
}
