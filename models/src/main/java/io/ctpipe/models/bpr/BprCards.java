package io.ctpipe.models.bpr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctpipe.models.card.CardFields;
import io.ctpipe.models.card.ModelCardException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads body-part-regression model cards. The score-processing constants are bpreg's own
 * {@code inference-settings.json}, given inline under "inferenceSettings" or as a file name next to the card, so a
 * user who exports the public bpreg model to ONNX can use its settings file as it is.
 */
public final class BprCards {
  public static final String TASK = "body-part-regression";
  private static final double DEFAULT_R_SLOPE_THRESHOLD = 0.28;
  private static final double DEFAULT_SMOOTHING_SIGMA_MM = 10;

  private BprCards() {}

  public static BprCard read(Path cardFile) throws IOException {
    if (!Files.isRegularFile(cardFile)) {
      throw new ModelCardException("model card " + cardFile + " does not exist");
    }
    Path folder = cardFile.toAbsolutePath().getParent();
    return parse(json(cardFile, "model card"), folder, cardFile.toString());
  }

  static BprCard parse(JsonNode root, Path folder, String source) throws IOException {
    CardFields f = new CardFields(root, source);
    String task = f.text("task", "");
    if (!TASK.equals(task)) {
      throw new ModelCardException(source + ": task '" + task + "' is not " + TASK);
    }
    int batch = (int) f.number("batch", 16);
    if (batch < 1) {
      throw new ModelCardException(source + ": 'batch' must be at least 1");
    }
    JsonNode settingsNode = root.get("inferenceSettings");
    String settingsSource = source + " inferenceSettings";
    if (settingsNode == null) {
      throw new ModelCardException(source + ": missing required field 'inferenceSettings' (bpreg's "
          + "inference-settings.json, inline or as a file name)");
    }
    if (settingsNode.isTextual()) {
      Path file = folder.resolve(settingsNode.asText());
      settingsSource = file.toString();
      if (!Files.isRegularFile(file)) {
        throw new ModelCardException(source + ": inference settings file " + file + " does not exist");
      }
      settingsNode = json(file, "inference settings");
    }
    return new BprCard(f.requiredText("id"), f.requiredText("version"), folder.resolve(f.requiredText("file")),
        f.text("sha256", null), root.path("untrained").asBoolean(false), root.path("input").path("name")
            .asText(null), root.path("output").path("name").asText(null), batch,
        settings(settingsNode, root, settingsSource), f.runtime(), f.precision());
  }

  private static BprSettings settings(JsonNode node, JsonNode card, String source) throws ModelCardException {
    CardFields f = new CardFields(node, source);
    JsonNode table = node.path("lookuptable_train_val");
    if (!table.path("original").isObject()) {
      throw new ModelCardException(source + ": missing 'lookuptable_train_val' with an 'original' table");
    }
    Map<String, BprLandmark> original = landmarks(table.get("original"), source + " original table");
    String start = node.path("settings").path("start-landmark").asText("pelvis_start");
    String end = node.path("settings").path("end-landmark").asText("eyes_end");
    double min = required(original, start, source).mean();
    double max = required(original, end, source).mean();
    if (!(max != min)) {
      throw new ModelCardException(source + ": landmarks '" + start + "' and '" + end + "' have the same score");
    }
    Map<String, BprLandmark> transformed = table.path("transformed").isObject()
        ? landmarks(table.get("transformed"), source + " transformed table") : transformedTable(original, min, max);
    for (String name : BodyPartRules.requiredLandmarks()) {
      required(transformed, name, source);
    }
    double lower = f.requiredNumber("lower_quantile_tangential_slope");
    double upper = f.requiredNumber("upper_quantile_tangential_slope");
    if (!(upper > lower)) {
      throw new ModelCardException(source + ": upper_quantile_tangential_slope must exceed the lower one");
    }
    double slopeMean = f.requiredNumber("slope_mean");
    if (!(slopeMean > 0)) {
      throw new ModelCardException(source + ": slope_mean must be positive");
    }
    CardFields c = new CardFields(card, source);
    return new BprSettings(min, max, slopeMean, lower, upper, c.number("rSlopeThreshold", DEFAULT_R_SLOPE_THRESHOLD),
        c.number("smoothingSigmaMm", DEFAULT_SMOOTHING_SIGMA_MM), backgroundScores(card.get("backgroundScores"),
            source), transformed);
  }

  /** bpreg's transform of the original table: scores rescaled so that start → 0 and end → 100, 3 decimals. */
  private static Map<String, BprLandmark> transformedTable(Map<String, BprLandmark> original, double min,
      double max) {
    Map<String, BprLandmark> out = new LinkedHashMap<>();
    double scale = 100 / (max - min);
    original.forEach((name, l) -> out.put(name, new BprLandmark(round3((l.mean() - min) * scale),
        round3(l.std() * scale))));
    return out;
  }

  private static double round3(double v) {
    return Math.rint(v * 1000) / 1000;
  }

  private static Map<String, BprLandmark> landmarks(JsonNode node, String source) throws ModelCardException {
    Map<String, BprLandmark> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode mean = e.getValue().get("mean");
      if (mean == null || !mean.isNumber()) {
        throw new ModelCardException(source + ": landmark '" + e.getKey() + "' has no numeric 'mean'");
      }
      out.put(e.getKey(), new BprLandmark(mean.asDouble(), e.getValue().path("std").asDouble(Double.NaN)));
    }
    return out;
  }

  private static BprLandmark required(Map<String, BprLandmark> table, String name, String source)
      throws ModelCardException {
    BprLandmark l = table.get(name);
    if (l == null) {
      throw new ModelCardException(source + ": look-up table has no landmark '" + name + "'");
    }
    return l;
  }

  private static double[] backgroundScores(JsonNode node, String source) throws ModelCardException {
    if (node == null) {
      return BprSettings.BPREG_BACKGROUND_SCORES.clone();
    }
    if (!node.isArray()) {
      throw new ModelCardException(source + ": 'backgroundScores' must be an array of numbers");
    }
    double[] out = new double[node.size()];
    for (int i = 0; i < out.length; i++) {
      if (!node.get(i).isNumber()) {
        throw new ModelCardException(source + ": 'backgroundScores' must be an array of numbers");
      }
      out[i] = node.get(i).asDouble();
    }
    return out;
  }

  private static JsonNode json(Path file, String what) throws ModelCardException {
    try {
      return new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new ModelCardException(what + " " + file + " is not valid JSON: " + e.getMessage());
    }
  }
}
