package io.ctpipe.dicom.volume;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** One geometry or identity finding about a series, with the numbers behind it. */
public record GeometryFlag(Code code, Map<String, Double> values) {

  /** The kinds of finding. */
  public enum Code {
    MISSING_SERIES_UID, MISSING_STUDY_UID, SOP_UID_FROM_FILE_META, MISSING_SOP_UID,
    NON_CT_MODALITY, LOCALIZERS_EXCLUDED, MULTIPLE_ORIENTATIONS, MULTIPLE_ACQUISITIONS, DUPLICATE_POSITIONS,
    SINGLE_SLICE, MISSING_SLICES, NON_UNIFORM_SPACING, GANTRY_TILT, SLICE_THICKNESS_MISMATCH,
    INCONSISTENT_PIXEL_SPACING
  }

  public static GeometryFlag of(Code code) {
    return new GeometryFlag(code, Map.of());
  }

  /** A flag with named numbers, given as name, value, name, value, ... */
  public static GeometryFlag of(Code code, Object... namesAndValues) {
    Map<String, Double> values = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      values.put((String) namesAndValues[i], ((Number) namesAndValues[i + 1]).doubleValue());
    }
    return new GeometryFlag(code, values);
  }

  /** {@code CODE} or {@code CODE(name=value, ...)}, numbers rounded to 4 decimals. */
  @Override
  public String toString() {
    if (values.isEmpty()) {
      return code.name();
    }
    return code.name() + values.entrySet().stream()
        .map(e -> e.getKey() + "=" + format(e.getValue()))
        .collect(Collectors.joining(", ", "(", ")"));
  }

  private static String format(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e12) {
      return Long.toString((long) v);
    }
    return java.math.BigDecimal.valueOf(v).setScale(4, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
        .toPlainString();
  }
}
