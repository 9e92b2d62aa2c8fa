package io.ctpipe.models.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ctpipe.dicom.seg.CodedConcept;
import io.ctpipe.dicom.seg.SegmentInfo;
import io.ctpipe.dicom.seg.Terminology;
import org.junit.jupiter.api.Test;

class SegmentNamesTest {
  private static final CodedConcept ANATOMY = new CodedConcept("SCT", "123037004", "Anatomical Structure");
  private static final CodedConcept KIDNEY = new CodedConcept("SCT", "64033007", "Kidney");
  private static final CodedConcept LEFT = new CodedConcept("SCT", "7771000", "Left");

  private static String name(String label, CodedConcept type, CodedConcept modifier) {
    return SegmentNames.of(new SegmentInfo(1, label, ANATOMY, type, modifier, null), Terminology.wholeBodyCt());
  }

  @Test
  void tableNamesInAnySpellingAreKept() {
    assertEquals("kidney_left", name("Kidney Left", KIDNEY, LEFT));
    assertEquals("vertebrae_L1", name("vertebrae l1", new CodedConcept("SCT", "0", "x"), null));
  }

  @Test
  void otherLabelsAreNamedByTheirTypeAndModifierCodes() {
    assertEquals("kidney_left", name("Left kidney", KIDNEY, LEFT));
    assertEquals("liver", name("Leber", new CodedConcept("SCT", "10200004", "Liver"), null));
  }

  @Test
  void unknownCodesKeepTheLabel() {
    assertEquals("first_segment", name("first segment", new CodedConcept("SCT", "272673000", "Bone"), null));
    assertEquals("left_kidney", name("Left kidney", KIDNEY, null)); // the table's kidneys all have a side
  }
}
