package io.ctpipe.dicom.seg;

import io.ctpipe.dicom.DicomDataset;
import io.ctpipe.dicom.DicomElement;
import io.ctpipe.dicom.ElementDictionary;
import io.ctpipe.dicom.Tag;
import io.ctpipe.dicom.Vr;
import io.ctpipe.dicom.volume.CtVolume;
import java.util.List;

/**
 * Copies the Patient, Clinical Trial, General Study, Patient Study and Frame of Reference attributes of the source
 * CT into a derived object; Series-level attributes are not copied. Type 2 attributes absent from the source are
 * written empty. UIDs come from the volume (which replaces empty ones).
 */
final class SourceAttributes {
  /** Copied when present. */
  private static final List<String> OPTIONAL = List.of("SpecificCharacterSet", "IssuerOfPatientID",
      "PatientAge", "PatientSize", "PatientWeight", "EthnicGroup", "PatientComments", "PatientIdentityRemoved",
      "DeidentificationMethod", "DeidentificationMethodCodeSequence", "ClinicalTrialSponsorName",
      "ClinicalTrialProtocolID", "ClinicalTrialSiteID", "ClinicalTrialSubjectID", "StudyDescription");
  /** Type 2: copied, or written empty. */
  private static final List<String> REQUIRED_EMPTY_OK = List.of("PatientName", "PatientID", "PatientBirthDate",
      "PatientSex", "StudyDate", "StudyTime", "ReferringPhysicianName", "StudyID", "AccessionNumber",
      "PositionReferenceIndicator");

  private SourceAttributes() {}

  static void copy(CtVolume source, DicomDataset target) {
    DicomDataset header = source.referenceHeader();
    ElementDictionary dictionary = ElementDictionary.standard();
    for (String keyword : OPTIONAL) {
      int tag = dictionary.tagOf(keyword).orElseThrow();
      header.element(tag).ifPresent(target::put);
    }
    for (String keyword : REQUIRED_EMPTY_OK) {
      int tag = dictionary.tagOf(keyword).orElseThrow();
      DicomElement element = header.element(tag).orElse(null);
      if (element != null) {
        target.put(element);
      } else {
        target.putString(tag, dictionary.vrOf(tag), "");
      }
    }
    target.putString(Tag.STUDY_INSTANCE_UID, Vr.UI, source.studyInstanceUid());
    String frameOfReference = header.string(Tag.FRAME_OF_REFERENCE_UID, "");
    target.putString(Tag.FRAME_OF_REFERENCE_UID, Vr.UI, frameOfReference.isEmpty()
        ? io.ctpipe.dicom.Uids.fromName("ctpipe-frame-of-reference", source.seriesInstanceUid()) : frameOfReference);
  }
}
