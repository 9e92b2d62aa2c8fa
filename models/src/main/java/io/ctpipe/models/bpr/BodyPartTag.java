package io.ctpipe.models.bpr;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * bpreg's "body part examined tag": which of PELVIS, ABDOMEN, CHEST, NECK, HEAD a scan spans (enough of each
 * part's landmarks lie between its lowest and highest cleaned score), joined with the gaps filled
 * (e.g. HEAD-NECK-CHEST); for scans under 100 mm, or when no part is spanned, a per-slice vote over the parts'
 * distinct score intervals; "NONE" when the z-spacing check failed or no slice votes.
 */
public final class BodyPartTag {
  public static final String NONE = "NONE";
  private static final List<String> ORDER = List.of("HEAD", "NECK", "CHEST", "ABDOMEN", "PELVIS");

  private BodyPartTag() {}

  public static String estimate(double[] cleaned, double dz, double validZSpacing, BprSettings settings) {
    if (validZSpacing == 0) {
      return NONE;
    }
    String byVolume = byLandmarks(cleaned, settings);
    if (cleaned.length * dz < BodyPartRules.MIN_VOLUME_RANGE_MM || byVolume == null) {
      return bySliceVote(cleaned, settings);
    }
    return byVolume;
  }

  /** The joined parts spanned by the scan, or null when none is. */
  static String byLandmarks(double[] cleaned, BprSettings settings) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double s : cleaned) {
      if (!Double.isNaN(s)) {
        min = Math.min(min, s);
        max = Math.max(max, s);
      }
    }
    boolean[] included = new boolean[ORDER.size()];
    boolean any = false;
    for (BodyPartRules.TagPart part : BodyPartRules.TAG_PARTS) {
      int present = 0;
      for (String landmark : part.landmarks()) {
        double l = settings.landmark(landmark);
        if (min < l && l < max) {
          present++;
        }
      }
      if (present >= part.minPresent()) {
        included[ORDER.indexOf(part.name())] = true;
        any = true;
      }
    }
    return any ? joined(included) : null;
  }

  /** From the highest included part to the lowest, every part between them included. */
  private static String joined(boolean[] included) {
    int first = -1;
    int last = -1;
    for (int i = 0; i < included.length; i++) {
      if (included[i]) {
        first = first < 0 ? i : first;
        last = i;
      }
    }
    return String.join("-", ORDER.subList(first, last + 1));
  }

  /** The part whose distinct interval holds the most slices; ties go to the part voted for first. */
  static String bySliceVote(double[] cleaned, BprSettings settings) {
    Map<String, Integer> votes = new LinkedHashMap<>();
    for (double s : cleaned) {
      for (BodyPartRules.TagPart part : BodyPartRules.TAG_PARTS) {
        if (settings.landmark(part.distinctLower()) < s && s < settings.landmark(part.distinctUpper())) {
          votes.merge(part.name(), 1, Integer::sum);
        }
      }
    }
    String best = NONE;
    int bestVotes = 0;
    for (Map.Entry<String, Integer> e : votes.entrySet()) {
      if (e.getValue() > bestVotes) {
        best = e.getKey();
        bestVotes = e.getValue();
      }
    }
    return best;
  }
}
