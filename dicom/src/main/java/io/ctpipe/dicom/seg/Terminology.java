package io.ctpipe.dicom.seg;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Coded descriptions of structures by name. The built-in table covers the 117 whole-body CT structures of
 * TotalSegmentator's "total" task (names, label values, SNOMED CT codes, laterality, colours); entries can be
 * overridden or added, and an optional fallback type code describes names the table lacks.
 */
public final class Terminology {
  private static final String RESOURCE = "whole-body-ct-terminology.tsv";
  private static final Terminology WHOLE_BODY_CT = load();

  private final Map<String, SegmentDescription> byName;

  private Terminology(Map<String, SegmentDescription> byName) {
    this.byName = Collections.unmodifiableMap(byName);
  }

  /** The built-in whole-body CT table; each entry's label value is its TotalSegmentator "total" value. */
  public static Terminology wholeBodyCt() {
    return WHOLE_BODY_CT;
  }

  /** All entries in label value order. */
  public List<SegmentDescription> entries() {
    List<SegmentDescription> out = new ArrayList<>(byName.values());
    out.sort(java.util.Comparator.comparingInt(SegmentDescription::labelValue));
    return out;
  }

  /** A copy in which these descriptions replace (by label) or extend the table. */
  public Terminology withOverrides(List<SegmentDescription> overrides) {
    Map<String, SegmentDescription> copy = new LinkedHashMap<>(byName);
    for (SegmentDescription d : overrides) {
      copy.put(d.label(), d);
    }
    return new Terminology(copy);
  }

  public Optional<SegmentDescription> byName(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * The description of a structure for the given label value.
   *
   * @param fallbackType type code for names the table lacks (category Anatomical Structure), or null to fail
   */
  public SegmentDescription describe(int labelValue, String name, CodedConcept fallbackType)
      throws SegmentationException {
    SegmentDescription known = byName.get(name);
    if (known != null) {
      return new SegmentDescription(labelValue, known.label(), known.category(), known.type(), known.modifier(),
          known.rgb());
    }
    if (fallbackType == null) {
      throw new SegmentationException("label " + labelValue + " '" + name + "' has no codes: it is not in the "
          + "terminology table; give its category and type codes or configure a fallback code");
    }
    return new SegmentDescription(labelValue, name, new CodedConcept("SCT", "123037004", "Anatomical Structure"),
        fallbackType, null, null);
  }

  private static Terminology load() {
    Map<String, SegmentDescription> table = new LinkedHashMap<>();
    try (InputStream in = Terminology.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing class-path resource " + RESOURCE);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      reader.lines().filter(l -> !l.startsWith("#") && !l.startsWith("value\t")).forEach(line -> {
        String[] c = line.split("\t", -1);
        CodedConcept modifier = c[9].isEmpty() ? null : new CodedConcept(c[8], c[9], c[10]);
        int[] rgb = c[11].isEmpty() ? null
            : java.util.Arrays.stream(c[11].split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        table.put(c[1], new SegmentDescription(Integer.parseInt(c[0]), c[1], new CodedConcept(c[2], c[3], c[4]),
            new CodedConcept(c[5], c[6], c[7]), modifier, rgb));
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Terminology(table);
  }
}
