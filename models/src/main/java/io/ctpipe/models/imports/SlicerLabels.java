package io.ctpipe.models.imports;

import io.ctpipe.dicom.seg.CodedConcept;
import io.ctpipe.dicom.seg.SegmentDescription;
import io.ctpipe.dicom.seg.SegmentationException;
import io.ctpipe.dicom.seg.Terminology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code labels.csv} of a 3D Slicer MONAIAuto3DSeg model: one row per label value with its name and DICOM
 * terminology. Codes are read from {@code SegmentedProperty{Category,Type,TypeModifier}CodeSequence.{
 * CodingSchemeDesignator,CodeValue,CodeMeaning}} columns or from a {@code Terminology} column in Slicer's terminology
 * entry form ({@code context~SCT^123037004^Anatomical Structure~SCT^10200004^Liver~^^~...}); a row without codes
 * takes them from ctpipe's whole-body CT table by name, or fails naming the row. Value 0 (background) is skipped.
 */
final class SlicerLabels {
  private static final String CATEGORY = "SegmentedPropertyCategoryCodeSequence";
  private static final String TYPE = "SegmentedPropertyTypeCodeSequence";
  private static final String MODIFIER = "SegmentedPropertyTypeModifierCodeSequence";

  private SlicerLabels() {}

  /** The labels 1..classes − 1, each exactly once. */
  static List<SegmentDescription> parse(String text, String source, int classes) throws ImportException {
    List<List<String>> rows = Csv.parse(text, source);
    if (rows.isEmpty()) {
      throw new ImportException(source + " is empty");
    }
    Map<String, Integer> column = new HashMap<>();
    List<String> header = rows.get(0);
    for (int i = 0; i < header.size(); i++) {
      column.put(header.get(i).toLowerCase(Locale.ROOT), i);
    }
    int value = find(column, source, "labelvalue", "value", "label_value", "label");
    int name = find(column, source, "name", "segment_name", "label_name", "segmentname");
    Map<Integer, SegmentDescription> byValue = new TreeMap<>();
    for (int r = 1; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      String where = source + " row " + (r + 1);
      int labelValue;
      try {
        labelValue = Integer.parseInt(cell(row, value));
      } catch (NumberFormatException e) {
        throw new ImportException(where + ": label value '" + cell(row, value) + "' is not a whole number");
      }
      if (labelValue == 0) {
        continue;
      }
      if (labelValue < 0 || labelValue >= classes) {
        throw new ImportException(where + ": label value " + labelValue + " has no output channel (the network has "
            + classes + ", 0 = background)");
      }
      SegmentDescription d = describe(labelValue, cell(row, name), row, column, where);
      if (byValue.put(labelValue, d) != null) {
        throw new ImportException(where + ": label value " + labelValue + " appears twice");
      }
    }
    List<Integer> missing = new ArrayList<>();
    for (int v = 1; v < classes; v++) {
      if (!byValue.containsKey(v)) {
        missing.add(v);
      }
    }
    if (!missing.isEmpty()) {
      throw new ImportException(source + " describes no label for output channel(s) "
          + missing.subList(0, Math.min(20, missing.size())) + (missing.size() > 20 ? " ..." : ""));
    }
    return new ArrayList<>(byValue.values());
  }

  private static SegmentDescription describe(int value, String name, List<String> row, Map<String, Integer> column,
      String where) throws ImportException {
    CodedConcept[] codes = codeColumns(row, column, where);
    if (codes == null && column.containsKey("terminology")) {
      codes = terminologyEntry(cell(row, column.get("terminology")), where);
    }
    try {
      if (codes == null) {
        return Terminology.wholeBodyCt().describe(value, name, null);
      }
      return new SegmentDescription(value, name.isEmpty() ? codes[1].meaning() : name, codes[0], codes[1], codes[2],
          null);
    } catch (SegmentationException | IllegalArgumentException e) {
      throw new ImportException(where + ": " + e.getMessage());
    }
  }

  /** {category, type, modifier or null} from the sequence columns, or null when the file has none. */
  private static CodedConcept[] codeColumns(List<String> row, Map<String, Integer> column, String where)
      throws ImportException {
    if (!column.containsKey((TYPE + ".CodeValue").toLowerCase(Locale.ROOT))) {
      return null;
    }
    CodedConcept category = code(row, column, CATEGORY, where);
    CodedConcept type = code(row, column, TYPE, where);
    if (category == null || type == null) {
      throw new ImportException(where + ": category and type codes are required");
    }
    return new CodedConcept[] {category, type, code(row, column, MODIFIER, where)};
  }

  private static CodedConcept code(List<String> row, Map<String, Integer> column, String sequence, String where)
      throws ImportException {
    String scheme = cell(row, column.get((sequence + ".CodingSchemeDesignator").toLowerCase(Locale.ROOT)));
    String code = cell(row, column.get((sequence + ".CodeValue").toLowerCase(Locale.ROOT)));
    String meaning = cell(row, column.get((sequence + ".CodeMeaning").toLowerCase(Locale.ROOT)));
    if (scheme.isEmpty() && code.isEmpty()) {
      return null;
    }
    if (scheme.isEmpty() || code.isEmpty() || meaning.isEmpty()) {
      throw new ImportException(where + ": " + sequence + " needs a scheme, a code and a meaning");
    }
    return new CodedConcept(scheme, code, meaning);
  }

  /** Slicer's "context~category~type~modifier~..." terminology entry, each code as scheme^code^meaning. */
  private static CodedConcept[] terminologyEntry(String entry, String where) throws ImportException {
    String[] parts = entry.split("~", -1);
    if (parts.length < 4) {
      throw new ImportException(where + ": terminology '" + entry + "' is not a Slicer terminology entry");
    }
    CodedConcept category = triplet(parts[1], where);
    CodedConcept type = triplet(parts[2], where);
    if (category == null || type == null) {
      throw new ImportException(where + ": terminology '" + entry + "' lacks a category or type code");
    }
    return new CodedConcept[] {category, type, triplet(parts[3], where)};
  }

  private static CodedConcept triplet(String text, String where) throws ImportException {
    String[] p = text.split("\\^", -1);
    if (p.length != 3) {
      throw new ImportException(where + ": code '" + text + "' is not scheme^code^meaning");
    }
    return p[0].isEmpty() && p[1].isEmpty() ? null : new CodedConcept(p[0], p[1], p[2]);
  }

  private static int find(Map<String, Integer> column, String source, String... names) throws ImportException {
    for (String n : names) {
      Integer i = column.get(n);
      if (i != null) {
        return i;
      }
    }
    throw new ImportException(source + " has no column " + names[0] + " (or " + String.join(", ",
        List.of(names).subList(1, names.length)) + ")");
  }

  private static String cell(List<String> row, Integer index) {
    return index == null || index >= row.size() ? "" : row.get(index);
  }
}
