package io.ctpipe.dicom.seg;

import io.ctpipe.dicom.DicomDataset;
import io.ctpipe.dicom.DicomElement;
import io.ctpipe.dicom.DicomFormatException;
import io.ctpipe.dicom.ElementDictionary;
import io.ctpipe.dicom.Tag;
import io.ctpipe.dicom.Vr;
import io.ctpipe.dicom.volume.CtVolume;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Copies the Patient, Clinical Trial, General Study, Patient Study and Frame of Reference attributes of the source
 * CT into a derived object; Series-level attributes are not copied. Type 2 attributes absent from the source are
 * written empty; optional ones are copied only with a value (real archives hold empty Type 1C and 3 values that a
 * validator rejects once copied), and the Clinical Trial Subject module only when its Type 1 attributes have values.
 * UIDs come from the volume (which replaces empty ones). Text stays in the source's bytes and character set until
 * {@link io.ctpipe.dicom.TextEncoding} settles the written object's one.
 */
final class SourceAttributes {
  /** Copied when present with a value. */
  private static final List<String> OPTIONAL = List.of("SpecificCharacterSet", "IssuerOfPatientID",
      "PatientAge", "PatientSize", "PatientWeight", "EthnicGroup", "PatientComments", "PatientIdentityRemoved",
      "DeidentificationMethod", "DeidentificationMethodCodeSequence", "StudyDescription");
  /** Clinical Trial Subject: the module's Type 1 attributes, which must all have values for it to be copied. */
  private static final List<String> CLINICAL_TRIAL_REQUIRED = List.of("ClinicalTrialSponsorName",
      "ClinicalTrialProtocolID", "ClinicalTrialSubjectID");
  /** Clinical Trial Subject, Type 2: copied or written empty along with the module. */
  private static final List<String> CLINICAL_TRIAL_EMPTY_OK = List.of("ClinicalTrialSiteID", "ClinicalTrialSiteName",
      "ClinicalTrialProtocolName");
  /** Type 2: copied, or written empty. */
  private static final List<String> REQUIRED_EMPTY_OK = List.of("PatientName", "PatientID", "PatientBirthDate",
      "PatientSex", "StudyDate", "StudyTime", "ReferringPhysicianName", "StudyID", "AccessionNumber",
      "PositionReferenceIndicator");

  private static final int PATIENT_SIZE = 0x00101020;
  private static final int PATIENT_WEIGHT = 0x00101030;
  private static final Pattern AGE = Pattern.compile("0*(\\d{1,3})\\s*([DWMY])");

  private SourceAttributes() {}

  static void copy(CtVolume source, DicomDataset target) {
    DicomDataset header = source.referenceHeader();
    ElementDictionary dictionary = ElementDictionary.standard();
    for (String keyword : OPTIONAL) {
      header.element(dictionary.tagOf(keyword).orElseThrow()).filter(SourceAttributes::hasValue)
          .flatMap(e -> validated(e, header)).ifPresent(target::put);
    }
    boolean clinicalTrial = CLINICAL_TRIAL_REQUIRED.stream().allMatch(k ->
        header.element(dictionary.tagOf(k).orElseThrow()).filter(SourceAttributes::hasValue).isPresent());
    if (clinicalTrial) {
      copyOrEmpty(header, target, dictionary, CLINICAL_TRIAL_REQUIRED);
      copyOrEmpty(header, target, dictionary, CLINICAL_TRIAL_EMPTY_OK);
    }
    copyOrEmpty(header, target, dictionary, REQUIRED_EMPTY_OK);
    target.putString(Tag.STUDY_INSTANCE_UID, Vr.UI, source.studyInstanceUid());
    String frameOfReference = header.string(Tag.FRAME_OF_REFERENCE_UID, "");
    target.putString(Tag.FRAME_OF_REFERENCE_UID, Vr.UI, frameOfReference.isEmpty()
        ? io.ctpipe.dicom.Uids.fromName("ctpipe-frame-of-reference", source.seriesInstanceUid()) : frameOfReference);
  }

  private static void copyOrEmpty(DicomDataset header, DicomDataset target, ElementDictionary dictionary,
      List<String> keywords) {
    for (String keyword : keywords) {
      int tag = dictionary.tagOf(keyword).orElseThrow();
      DicomElement element = header.element(tag).orElse(null);
      if (element != null) {
        target.put(element);
      } else {
        target.putString(tag, dictionary.vrOf(tag), "");
      }
    }
  }

  /**
   * The element as it may be copied: an Age String zero-padded to its fixed form ("0Y" → "000Y"), a zero or
   * unreadable Patient's Size or Weight (an "unknown" placeholder) left out, anything else unchanged.
   */
  private static Optional<DicomElement> validated(DicomElement e, DicomDataset header) {
    if (e.vr() == Vr.AS) {
      Matcher age = AGE.matcher(header.string(e.tag(), ""));
      if (!age.matches()) {
        return Optional.empty();
      }
      DicomDataset fixed = new DicomDataset();
      fixed.putString(e.tag(), Vr.AS, String.format("%03d%s", Integer.parseInt(age.group(1)), age.group(2)));
      return fixed.element(e.tag());
    }
    if (e.tag() == PATIENT_SIZE || e.tag() == PATIENT_WEIGHT) {
      try {
        return header.number(e.tag()).filter(v -> v > 0 && Double.isFinite(v)).map(v -> e);
      } catch (DicomFormatException unreadable) {
        return Optional.empty();
      }
    }
    return Optional.of(e);
  }

  /** A value beyond padding: items for a sequence, a non-blank text, any bytes otherwise. */
  private static boolean hasValue(DicomElement e) {
    if (e.isSequence()) {
      return !e.items().isEmpty();
    }
    ByteBuffer value = e.value();
    if (!e.vr().isText()) {
      return value.hasRemaining();
    }
    for (int i = value.position(); i < value.limit(); i++) {
      byte b = value.get(i);
      if (b != ' ' && b != 0 && b != '\\') {
        return true;
      }
    }
    return false;
  }
}
