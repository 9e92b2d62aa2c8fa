package io.ctpipe.models.bpr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * bpreg's "body part examined": for each region of {@link BodyPartRules#REGIONS}, the slices whose cleaned score
 * lies in it (lower ≤ s < upper; with only a lower bound, s > lower). Regions overlap on purpose; NaN scores
 * belong nowhere.
 */
public final class BodyPartExamined {
  private BodyPartExamined() {}

  /** Slice indices per region, regions in bpreg's order. */
  public static Map<String, List<Integer>> slices(double[] cleaned, BprSettings settings) {
    Map<String, List<Integer>> out = new LinkedHashMap<>();
    for (BodyPartRules.Region region : BodyPartRules.REGIONS) {
      double lower = region.lower() == null ? Double.NaN : settings.landmark(region.lower());
      double upper = region.upper() == null ? Double.NaN : settings.landmark(region.upper());
      List<Integer> indices = new ArrayList<>();
      for (int i = 0; i < cleaned.length; i++) {
        if (inRegion(cleaned[i], lower, upper)) {
          indices.add(i);
        }
      }
      out.put(region.name(), indices);
    }
    return out;
  }

  static boolean inRegion(double s, double lower, double upper) {
    if (Double.isNaN(s)) {
      return false;
    }
    if (Double.isNaN(lower)) {
      return s < upper;
    }
    if (Double.isNaN(upper)) {
      return s > lower;
    }
    return lower <= s && s < upper;
  }
}
