package io.ctpipe.models.bpr;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Compares a series' DICOM Body Part Examined (0018,0015) with the predicted tag, both read as sets of the five
 * BPR parts: EXACT (same parts), PARTIAL (some shared), DISJOINT (none shared: a mismatch), UNKNOWN (no DICOM
 * value, a value ctpipe does not map, or a NONE prediction).
 */
public record BodyPartCheck(String dicom, String predicted, Agreement agreement) {
  /** How the DICOM value and the prediction relate. */
  public enum Agreement { EXACT, PARTIAL, DISJOINT, UNKNOWN }

  /** The five parts, head to feet. */
  enum Part { HEAD, NECK, CHEST, ABDOMEN, PELVIS }

  private static final Map<String, Set<Part>> DICOM_TERMS = Map.ofEntries(
      Map.entry("HEAD", EnumSet.of(Part.HEAD)), Map.entry("BRAIN", EnumSet.of(Part.HEAD)),
      Map.entry("SKULL", EnumSet.of(Part.HEAD)), Map.entry("FACE", EnumSet.of(Part.HEAD)),
      Map.entry("ORBIT", EnumSet.of(Part.HEAD)), Map.entry("SINUS", EnumSet.of(Part.HEAD)),
      Map.entry("NECK", EnumSet.of(Part.NECK)), Map.entry("CSPINE", EnumSet.of(Part.NECK)),
      Map.entry("LARYNX", EnumSet.of(Part.NECK)), Map.entry("THYROID", EnumSet.of(Part.NECK)),
      Map.entry("HEADNECK", EnumSet.of(Part.HEAD, Part.NECK)),
      Map.entry("CHEST", EnumSet.of(Part.CHEST)), Map.entry("THORAX", EnumSet.of(Part.CHEST)),
      Map.entry("LUNG", EnumSet.of(Part.CHEST)), Map.entry("HEART", EnumSet.of(Part.CHEST)),
      Map.entry("BREAST", EnumSet.of(Part.CHEST)), Map.entry("TSPINE", EnumSet.of(Part.CHEST)),
      Map.entry("CHESTABDOMEN", EnumSet.of(Part.CHEST, Part.ABDOMEN)),
      Map.entry("ABDOMEN", EnumSet.of(Part.ABDOMEN)), Map.entry("LIVER", EnumSet.of(Part.ABDOMEN)),
      Map.entry("KIDNEY", EnumSet.of(Part.ABDOMEN)), Map.entry("PANCREAS", EnumSet.of(Part.ABDOMEN)),
      Map.entry("LSPINE", EnumSet.of(Part.ABDOMEN)),
      Map.entry("ABDOMENPELVIS", EnumSet.of(Part.ABDOMEN, Part.PELVIS)),
      Map.entry("CHESTABDOMENPELVIS", EnumSet.of(Part.CHEST, Part.ABDOMEN, Part.PELVIS)),
      Map.entry("PELVIS", EnumSet.of(Part.PELVIS)), Map.entry("HIP", EnumSet.of(Part.PELVIS)),
      Map.entry("BLADDER", EnumSet.of(Part.PELVIS)), Map.entry("PROSTATE", EnumSet.of(Part.PELVIS)),
      Map.entry("SSPINE", EnumSet.of(Part.PELVIS)),
      Map.entry("WHOLEBODY", EnumSet.allOf(Part.class)));

  /** @param dicom the series' Body Part Examined value, or null when absent */
  public static BodyPartCheck compare(String dicom, String predicted) {
    Set<Part> stated = dicom == null ? null
        : DICOM_TERMS.get(dicom.toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", ""));
    if (stated == null || predicted.equals(BodyPartTag.NONE)) {
      return new BodyPartCheck(dicom, predicted, Agreement.UNKNOWN);
    }
    Set<Part> found = EnumSet.noneOf(Part.class);
    for (String name : predicted.split("-")) {
      found.add(Part.valueOf(name));
    }
    if (found.equals(stated)) {
      return new BodyPartCheck(dicom, predicted, Agreement.EXACT);
    }
    Set<Part> shared = EnumSet.copyOf(found);
    shared.retainAll(stated);
    return new BodyPartCheck(dicom, predicted, shared.isEmpty() ? Agreement.DISJOINT : Agreement.PARTIAL);
  }

  /** True when the DICOM value names none of the predicted parts. */
  public boolean mismatch() {
    return agreement == Agreement.DISJOINT;
  }
}
