package io.ctpipe.dicom.seg;

/**
 * What one label value of a label map means (the Segment Description macro's content).
 *
 * @param labelValue the value in the label map (1..65535)
 * @param label the segment label, e.g. "Liver"
 * @param category Segmented Property Category (CID 7150), e.g. SCT 123037004 "Anatomical Structure"
 * @param type Segmented Property Type (CID 7151), e.g. SCT 10200004 "Liver"
 * @param modifier optional type modifier such as laterality (SCT 7771000 Left), or null
 * @param rgb optional recommended display colour (0-255 each), or null
 */
public record SegmentDescription(int labelValue, String label, CodedConcept category, CodedConcept type,
    CodedConcept modifier, int[] rgb) {

  public SegmentDescription {
    if (labelValue < 1 || labelValue > 65535) {
      throw new IllegalArgumentException("label value " + labelValue + " is outside 1..65535");
    }
    if (label == null || label.isBlank()) {
      throw new IllegalArgumentException("label value " + labelValue + " has no label");
    }
    if (label.length() > 64) {
      throw new IllegalArgumentException("label '" + label + "' is longer than 64 characters");
    }
    if (category == null || type == null) {
      throw new IllegalArgumentException("label value " + labelValue + " (" + label
          + ") needs a category and a type code");
    }
    for (CodedConcept c : new CodedConcept[] {category, type, modifier}) {
      if (c != null && c.scheme().equals("SRT")) {
        throw new IllegalArgumentException("'" + label + "' uses the retired scheme SRT for " + c
            + ": give the SNOMED CT (SCT) code instead");
      }
    }
    if (rgb != null && (rgb.length != 3 || java.util.Arrays.stream(rgb).anyMatch(c -> c < 0 || c > 255))) {
      throw new IllegalArgumentException("colour of '" + label + "' must be three values 0-255");
    }
  }
}
