package io.ctpipe.models.qa;

import java.util.List;
import java.util.Set;

/**
 * What kind of structure a name is, and what that allows: how many pieces holding at least
 * {@link #SIGNIFICANT_SHARE} of its voxels it may have, the share its largest piece must hold when it may have one,
 * and how much a cut by the scan's end matters.
 */
public enum StructureKind {
  /** Solid organs and glands: one piece. */
  ORGAN(1, 0.90, Severity.WARNING),
  /** Lungs and lung lobes: one piece. */
  LUNG(1, 0.90, Severity.WARNING),
  /** A single bone (vertebra, rib, femur, …): one piece. */
  BONE(1, 0.90, Severity.INFO),
  /** Muscles: one piece. */
  MUSCLE(1, 0.90, Severity.INFO),
  /** Vessels, airways, spinal cord, oesophagus: may leave and re-enter a partial scan, so two pieces. */
  TUBE(2, 0.0, Severity.INFO),
  /** Bowel: loops leave and re-enter the scan and touch each other, so up to four pieces. */
  BOWEL(4, 0.0, Severity.INFO),
  /** Made of several bones or lobes by nature (costal cartilages, skull, thyroid): up to four pieces. */
  MULTIPART(4, 0.0, Severity.INFO),
  /** Anything else: one piece, like an organ. */
  OTHER(1, 0.90, Severity.INFO);

  /** A piece counts when it holds at least this share of the structure's voxels. */
  public static final double SIGNIFICANT_SHARE = 0.05;

  private static final Set<String> ORGANS = Set.of("spleen", "kidney_left", "kidney_right", "gallbladder", "liver",
      "stomach", "pancreas", "adrenal_gland_left", "adrenal_gland_right", "urinary_bladder", "prostate", "heart",
      "brain", "kidney_cyst_left", "kidney_cyst_right");
  private static final List<String> TUBES = List.of("aorta", "pulmonary_vein", "brachiocephalic_", "subclavian_",
      "common_carotid_", "superior_vena_cava", "inferior_vena_cava", "portal_vein", "iliac_", "spinal_cord",
      "esophagus", "trachea", "atrial_appendage_");
  private static final List<String> BOWELS = List.of("small_bowel", "duodenum", "colon");
  private static final List<String> MULTIPARTS = List.of("costal_cartilages", "skull", "thyroid_gland");
  private static final List<String> BONES = List.of("vertebrae_", "rib_", "humerus_", "scapula_", "clavicula_",
      "femur_", "hip_", "sternum", "sacrum");
  private static final List<String> MUSCLES = List.of("gluteus_", "autochthon_", "iliopsoas_");

  private final int allowedPieces;
  private final double minLargestShare;
  private final Severity truncation;

  StructureKind(int allowedPieces, double minLargestShare, Severity truncation) {
    this.allowedPieces = allowedPieces;
    this.minLargestShare = minLargestShare;
    this.truncation = truncation;
  }

  /** The kind of a TotalSegmentator-style name; {@link #OTHER} for names it does not know. */
  public static StructureKind of(StructureName name) {
    String n = name.name();
    if (ORGANS.contains(n)) {
      return ORGAN;
    }
    if (n.startsWith("lung_") && !n.startsWith("lung_vessels") && !n.startsWith("lung_trachea")) {
      return LUNG;
    }
    if (startsWithAny(n, TUBES)) {
      return TUBE;
    }
    if (startsWithAny(n, BOWELS)) {
      return BOWEL;
    }
    if (startsWithAny(n, MULTIPARTS)) {
      return MULTIPART;
    }
    if (startsWithAny(n, BONES)) {
      return BONE;
    }
    return startsWithAny(n, MUSCLES) ? MUSCLE : OTHER;
  }

  private static boolean startsWithAny(String name, List<String> prefixes) {
    return prefixes.stream().anyMatch(name::startsWith);
  }

  /** Pieces of at least {@link #SIGNIFICANT_SHARE} the structure may have. */
  public int allowedPieces() {
    return allowedPieces;
  }

  /** The share its largest piece must hold (0: not required). */
  public double minLargestShare() {
    return minLargestShare;
  }

  /** Severity of TRUNCATED for this kind: a cut organ's volume is partial, a cut vessel is normal coverage. */
  public Severity truncationSeverity() {
    return truncation;
  }
}
