package io.ctpipe.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ctpipe.dicom.seg.SegmentationTypeChoice;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnumChoicesTest {
  @Test
  void constantsAreWrittenInLowerCaseAndReadInAnyCase() {
    assertEquals(List.of("auto", "binary", "labelmap"), EnumChoices.labels(SegmentationTypeChoice.class));
    assertEquals("auto, binary or labelmap", EnumChoices.alternatives(SegmentationTypeChoice.class));
    assertEquals(SegmentationTypeChoice.LABELMAP, EnumChoices.parse(SegmentationTypeChoice.class, "SEG type",
        " LabelMap "));
    assertEquals(SegmentationTypeChoice.BINARY, SegmentationTypeChoice.parse("binary"));
  }

  @Test
  void badValuesAreRefusedWithTheChoicesNamed() {
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> SegmentationTypeChoice.parse("fractional"));
    assertEquals("unknown SEG type 'fractional'; choose one of [auto, binary, labelmap]", bad.getMessage());
    IllegalArgumentException notEnum = assertThrows(IllegalArgumentException.class,
        () -> EnumChoices.labels(String.class));
    assertEquals("java.lang.String is not an enum", notEnum.getMessage());
  }
}
