package io.ctpipe.models.bpr;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * bpreg's body-part definitions in landmark names: the overlapping regions of "body part examined" and the five
 * parts of the "body part examined tag" (landmarks a scan must span, how many, and the distinct score intervals).
 */
public final class BodyPartRules {
  private BodyPartRules() {}

  /** A "body part examined" region: slices with lower ≤ score < upper; a null bound is open. */
  public record Region(String name, String lower, String upper) {}

  /** A tag part: included when at least {@code minPresent} of {@code landmarks} lie inside the scan. */
  public record TagPart(String name, List<String> landmarks, int minPresent, String distinctLower,
      String distinctUpper) {}

  public static final List<Region> REGIONS = List.of(
      new Region("legs", null, "pelvis_start"),
      new Region("pelvis", "pelvis_start", "pelvis_end"),
      new Region("abdomen", "L5", "Th8"),
      new Region("chest", "Th12", "Th1"),
      new Region("shoulder-neck", "Th3", "C2"),
      new Region("head", "C5", null));

  public static final List<TagPart> TAG_PARTS = List.of(
      new TagPart("PELVIS", List.of("pelvis_start", "femur_end", "pelvis_end"), 2, "pelvis_start", "pelvis_end"),
      new TagPart("ABDOMEN", List.of("L5", "L4", "L3", "L2", "L1", "Th12", "Th11", "Th10", "Th9"), 7, "pelvis_end",
          "Th9"),
      new TagPart("CHEST", List.of("Th12", "Th11", "Th10", "Th9", "Th8", "Th7", "Th6", "Th5", "Th4", "Th3", "Th2",
          "Th1"), 9, "Th9", "Th2"),
      new TagPart("NECK", List.of("Th3", "Th2", "Th1", "C7", "C6", "C5", "C4", "C3", "C2"), 6, "Th2", "C3"),
      new TagPart("HEAD", List.of("C3", "C2", "C1", "eyes_end"), 3, "C3", "head_end"));

  /** Scans shorter than this (mm) get their tag by per-slice vote. */
  public static final double MIN_VOLUME_RANGE_MM = 100;

  /** Every landmark the rules name (a card's look-up table must hold them all). */
  public static Set<String> requiredLandmarks() {
    List<String> names = new ArrayList<>();
    for (Region r : REGIONS) {
      names.add(r.lower());
      names.add(r.upper());
    }
    for (TagPart p : TAG_PARTS) {
      names.addAll(p.landmarks());
      names.add(p.distinctLower());
      names.add(p.distinctUpper());
    }
    names.removeIf(java.util.Objects::isNull);
    return new LinkedHashSet<>(names);
  }
}
