package io.ctpipe.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElementDictionaryTest {
  private final ElementDictionary dictionary = ElementDictionary.standard();

  /** Every named constant in {@link Tag} is in the dictionary under the matching keyword. */
  @Test
  void tagConstantsAgreeWithTheDictionary() throws IllegalAccessException {
    int checked = 0;
    for (Field f : Tag.class.getFields()) {
      if (!Modifier.isStatic(f.getModifiers()) || f.getType() != int.class || f.getName().startsWith("ITEM")
          || f.getName().equals("SEQUENCE_DELIMITATION")) {
        continue;
      }
      int tag = f.getInt(null);
      String keyword = dictionary.keywordOf(tag).orElseThrow(() ->
          new AssertionError(f.getName() + " " + Tag.format(tag) + " is not in the dictionary"));
      assertEquals(f.getName().replace("_", ""), keyword.toUpperCase(), f.getName());
      checked++;
    }
    assertTrue(checked > 60);
  }

  @Test
  void coversTheModulesCtpipeReadsAndWrites() {
    for (String keyword : List.of("PatientName", "StudyInstanceUID", "SeriesInstanceUID", "FrameOfReferenceUID",
        "Manufacturer", "ImagePositionPatient", "RescaleSlope", "KVP", "ConvolutionKernel", "BitsStored",
        "SOPInstanceUID", "SharedFunctionalGroupsSequence", "PlanePositionSequence", "DimensionIndexValues",
        "SegmentSequence", "SegmentedPropertyTypeCodeSequence", "ReferencedSegmentNumber", "SegmentationType",
        "RecommendedDisplayCIELabValue", "AlgorithmVersion")) {
      assertTrue(dictionary.tagOf(keyword).isPresent(), keyword);
    }
    assertTrue(dictionary.size() > 250);
  }

  @Test
  void vrFallbacks() {
    assertEquals(Vr.UL, dictionary.vrOf(0x00180000), "group length");
    assertEquals(Vr.LO, dictionary.vrOf(0x00290010), "private creator");
    assertEquals(Vr.UN, dictionary.vrOf(0x00291010), "private element");
    assertEquals(Vr.SQ, dictionary.vrOf(Tag.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE));
  }
}
