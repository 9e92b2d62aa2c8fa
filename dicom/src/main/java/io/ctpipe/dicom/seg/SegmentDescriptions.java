package io.ctpipe.dicom.seg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads segment descriptions from JSON: an array with one object per label value, {@code {"value": 1, "label":
 * "Liver", "category": {"scheme", "code", "meaning"}, "type": {...}, "modifier": {...}, "color": [r, g, b]}}.
 * Modifier and colour are optional; category and type may be left out for labels the terminology knows by name.
 * Model cards use the same objects.
 */
public final class SegmentDescriptions {
  private SegmentDescriptions() {}

  public static List<SegmentDescription> read(Path json, Terminology terminology, CodedConcept fallbackType)
      throws IOException, SegmentationException {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json.toFile());
    } catch (IOException e) {
      throw new SegmentationException(json + ": not valid JSON: " + e.getMessage());
    }
    return parse(root, terminology, fallbackType, json.toString());
  }

  public static List<SegmentDescription> parse(JsonNode root, Terminology terminology, CodedConcept fallbackType,
      String source) throws SegmentationException {
    if (root == null || !root.isArray()) {
      throw new SegmentationException(source + ": expected a JSON array of label objects");
    }
    List<SegmentDescription> out = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      out.add(parseOne(root.get(i), terminology, fallbackType, source + "[" + i + "]"));
    }
    return out;
  }

  private static SegmentDescription parseOne(JsonNode node, Terminology terminology, CodedConcept fallbackType,
      String where) throws SegmentationException {
    if (!node.isObject() || !node.path("value").canConvertToInt() || !node.path("label").isTextual()) {
      throw new SegmentationException(where + ": each label needs an integer \"value\" and a \"label\" string");
    }
    int value = node.get("value").asInt();
    String label = node.get("label").asText();
    try {
      if (!node.has("type") && !node.has("category")) {
        return terminology.describe(value, label, fallbackType);
      }
      CodedConcept category = concept(node.get("category"), where + ".category");
      CodedConcept type = concept(node.get("type"), where + ".type");
      CodedConcept modifier = node.has("modifier") ? concept(node.get("modifier"), where + ".modifier") : null;
      int[] rgb = null;
      if (node.has("color")) {
        JsonNode c = node.get("color");
        if (!c.isArray() || c.size() != 3) {
          throw new SegmentationException(where + ".color: expected [r, g, b]");
        }
        rgb = new int[] {c.get(0).asInt(-1), c.get(1).asInt(-1), c.get(2).asInt(-1)};
      }
      return new SegmentDescription(value, label, category, type, modifier, rgb);
    } catch (IllegalArgumentException e) {
      throw new SegmentationException(where + ": " + e.getMessage());
    }
  }

  private static CodedConcept concept(JsonNode node, String where) throws SegmentationException {
    if (node == null || !node.isObject()) {
      throw new SegmentationException(where + ": expected {\"scheme\", \"code\", \"meaning\"}");
    }
    return new CodedConcept(node.path("scheme").asText(""), node.path("code").asText(""),
        node.path("meaning").asText(""));
  }
}
