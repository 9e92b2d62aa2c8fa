package io.ctpipe.dicom.seg;

import io.ctpipe.dicom.DicomDataset;
import io.ctpipe.dicom.Vr;

/** A coded concept (Code Sequence macro): coding scheme, code value and meaning. */
public record CodedConcept(String scheme, String code, String meaning) {
  static final int CODE_VALUE = 0x00080100;
  static final int CODING_SCHEME_DESIGNATOR = 0x00080102;
  static final int CODE_MEANING = 0x00080104;

  public static final CodedConcept ARTIFICIAL_INTELLIGENCE = new CodedConcept("DCM", "123110", "Artificial Intelligence");
  public static final CodedConcept MANUAL_PROCESSING = new CodedConcept("DCM", "123109", "Manual Processing");
  public static final CodedConcept SOURCE_IMAGE_FOR_PROCESSING =
      new CodedConcept("DCM", "121322", "Source image for image processing operation");
  public static final CodedConcept SEGMENTATION_DERIVATION = new CodedConcept("DCM", "113076", "Segmentation");
  public static final CodedConcept LEFT = new CodedConcept("SCT", "7771000", "Left");
  public static final CodedConcept RIGHT = new CodedConcept("SCT", "24028007", "Right");

  public CodedConcept {
    if (scheme == null || scheme.isBlank() || code == null || code.isBlank() || meaning == null
        || meaning.isBlank()) {
      throw new IllegalArgumentException("a code needs a scheme, a value and a meaning, got " + scheme + " / "
          + code + " / " + meaning);
    }
    if (code.length() > 16) {
      throw new IllegalArgumentException("code value '" + code + "' is longer than 16 characters");
    }
  }

  /** The concept as one item of a code sequence. */
  public DicomDataset toItem() {
    DicomDataset item = new DicomDataset();
    item.putString(CODE_VALUE, Vr.SH, code);
    item.putString(CODING_SCHEME_DESIGNATOR, Vr.SH, scheme);
    item.putString(CODE_MEANING, Vr.LO, meaning);
    return item;
  }

  /** Reads the concept from a code sequence item. */
  public static CodedConcept fromItem(DicomDataset item) {
    return new CodedConcept(item.string(CODING_SCHEME_DESIGNATOR, "?"), item.string(CODE_VALUE, "?"),
        item.string(CODE_MEANING, "?"));
  }

  @Override
  public String toString() {
    return "(" + code + ", " + scheme + ", \"" + meaning + "\")";
  }
}
