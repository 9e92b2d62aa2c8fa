package io.ctpipe.models.card;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctpipe.dicom.seg.SegmentDescription;
import io.ctpipe.dicom.seg.SegmentDescriptions;
import io.ctpipe.dicom.seg.SegmentationException;
import io.ctpipe.dicom.seg.Terminology;
import io.ctpipe.models.tiling.BlendMode;
import io.ctpipe.models.tiling.TilingOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Reads and validates model cards. Cards written for ctpipe and cards in the shape of shared/models (with
 * "evaluationTiling" and a labels TSV) are both accepted; every problem is reported with the field it concerns.
 */
public final class ModelCards {
  private ModelCards() {}

  public static ModelCard read(Path cardFile) throws IOException {
    if (!Files.isRegularFile(cardFile)) {
      throw new ModelCardException("model card " + cardFile + " does not exist");
    }
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(cardFile.toFile());
    } catch (IOException e) {
      throw new ModelCardException("model card " + cardFile + " is not valid JSON: " + e.getMessage());
    }
    return parse(root, cardFile.toAbsolutePath().getParent(), cardFile.toString());
  }

  static ModelCard parse(JsonNode root, Path folder, String source) throws ModelCardException {
    CardFields f = new CardFields(root, source);
    String task = f.text("task", "segmentation");
    if (!task.toLowerCase(Locale.ROOT).contains("segmentation")) {
      throw new ModelCardException(source + ": task '" + task + "' is not a segmentation task");
    }
    Path file = folder.resolve(f.requiredText("file"));
    int outChannels = f.requiredInt("outChannels");
    if (outChannels < 1) {
      throw new ModelCardException(source + ": 'outChannels' must be at least 1");
    }
    if (f.has("inChannels") && f.requiredInt("inChannels") != 1) {
      throw new ModelCardException(source + ": 'inChannels' is " + f.requiredInt("inChannels")
          + "; ctpipe feeds single-channel CT");
    }
    JsonNode tiling = root.has("slidingWindow") ? root.get("slidingWindow") : root.path("evaluationTiling");
    CardFields t = new CardFields(tiling, source + " sliding window");
    String blend = t.text("mode", t.text("blend", "gaussian")).toUpperCase(Locale.ROOT);
    BlendMode mode;
    try {
      mode = BlendMode.valueOf(blend);
    } catch (IllegalArgumentException e) {
      throw new ModelCardException(source + ": blend mode '" + blend + "' is not gaussian or constant");
    }
    String orientation = f.text("orientation", "LPS").toUpperCase(Locale.ROOT);
    if (!orientation.equals("LPS") && !orientation.equals("RAS")) {
      throw new ModelCardException(source + ": orientation '" + orientation + "' is not LPS or RAS");
    }
    JsonNode crop = root.path("cropForeground");
    List<SegmentDescription> labels = labels(root.get("labels"), folder, outChannels, source);
    return new ModelCard(f.requiredText("id"), f.requiredText("version"), task, file, f.text("sha256", null),
        root.path("untrained").asBoolean(false), root.path("input").path("name").asText(null),
        root.path("output").path("name").asText(null), outChannels, f.positiveDoubles("spacing", 3), orientation,
        f.has("spacingTolerance") ? f.positiveDoubles("spacingTolerance", 2) : null,
        crop.isMissingNode() ? Double.NaN : crop.path("thresholdHu").asDouble(0), crop.path("margin").asInt(10),
        intensity(root.get("intensityTransform"), source), (float) root.path("padValue").asDouble(0),
        f.positiveInts("roiSize", 3), t.number("overlap", TilingOptions.DEFAULT_OVERLAP), mode,
        t.number("sigmaScale", TilingOptions.DEFAULT_SIGMA_SCALE), (int) t.number("batch", TilingOptions.DEFAULT_BATCH),
        labels, f.runtime(), f.precision(), profile(root, source), fp32Source(root.get("fp32Source"), folder, source));
  }

  private static Fp32Source fp32Source(JsonNode node, Path folder, String source) throws ModelCardException {
    if (node == null || node.isNull()) {
      return null;
    }
    CardFields f = new CardFields(node, source + " fp32Source");
    String sha256 = f.requiredText("sha256");
    if (!sha256.matches("[0-9a-fA-F]{64}")) {
      throw new ModelCardException(source + ": fp32Source sha256 '" + sha256 + "' is not 64 hex digits");
    }
    return new Fp32Source(folder.resolve(f.requiredText("file")).normalize(), sha256);
  }

  private static SpeedProfile profile(JsonNode root, String source) throws ModelCardException {
    if (!root.hasNonNull("profile")) {
      return null;
    }
    try {
      return SpeedProfile.parse(root.get("profile").asText());
    } catch (IllegalArgumentException e) {
      throw new ModelCardException(source + ": " + e.getMessage());
    }
  }

  /**
   * Checks the model file against the card's SHA-256 (when it gives one), and its fp32 source when it names one,
   * without loading them; returns the model file's hash.
   */
  public static String verifiedSha256(ModelCard card) throws IOException {
    if (card.fp32Source() != null) {
      verified(card.fp32Source().file(), card.fp32Source().sha256(), "card '" + card.id() + "' as its fp32Source");
    }
    return verifiedSha256(card.file(), card.sha256(), card.id());
  }

  /**
   * Checks a model file against the SHA-256 its card gives (null: no check); returns the file's hash, read once per
   * JVM ({@link FileHashes}).
   */
  public static String verifiedSha256(Path file, String expected, String cardId) throws IOException {
    return verified(file, expected, "card '" + cardId + "'");
  }

  private static String verified(Path file, String expected, String namedBy) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new ModelCardException("model file " + file + " named by " + namedBy + " does not exist");
    }
    String actual = FileHashes.sha256(file);
    if (expected != null && !expected.equalsIgnoreCase(actual)) {
      throw new ModelCardException("SHA-256 of " + file + " is " + actual + " but " + namedBy + " says " + expected);
    }
    return actual;
  }

  /** A file's SHA-256, streamed and read once per JVM ({@link FileHashes}). */
  public static String sha256(Path file) throws IOException {
    return FileHashes.sha256(file);
  }

  public static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(FileHashes.digest().digest(bytes));
  }

  private static IntensityTransform intensity(JsonNode node, String source) throws ModelCardException {
    if (node == null) {
      throw new ModelCardException(source + ": missing required field 'intensityTransform'");
    }
    CardFields f = new CardFields(node, source + " intensityTransform");
    String type = f.requiredText("type");
    switch (type) {
      case "clip-scale":
        return new IntensityTransform.ClipScale(f.number("clipMin", Double.NEGATIVE_INFINITY),
            f.number("clipMax", Double.POSITIVE_INFINITY), f.number("scale", 1), f.number("shift", 0));
      case "range":
        double min = f.requiredNumber("min");
        double max = f.requiredNumber("max");
        if (!(max > min)) {
          throw new ModelCardException(source + ": intensityTransform range needs max > min");
        }
        return new IntensityTransform.Range(min, max, node.path("sigmoid").asBoolean(false));
      case "mean-std":
        double std = f.requiredNumber("std");
        if (!(std > 0)) {
          throw new ModelCardException(source + ": intensityTransform std must be positive");
        }
        return new IntensityTransform.MeanStd(f.requiredNumber("mean"), std);
      default:
        throw new ModelCardException(source + ": intensityTransform type '" + type
            + "' is not clip-scale, range or mean-std");
    }
  }

  private static List<SegmentDescription> labels(JsonNode node, Path folder, int outChannels, String source)
      throws ModelCardException {
    if (node == null) {
      throw new ModelCardException(source + ": missing required field 'labels' (an array or a TSV file name)");
    }
    List<SegmentDescription> labels;
    try {
      if (node.isTextual()) {
        labels = tsvLabels(folder.resolve(node.asText()), source);
      } else {
        labels = SegmentDescriptions.parse(node, Terminology.wholeBodyCt(), null, source + " labels");
      }
    } catch (SegmentationException e) {
      throw new ModelCardException(e.getMessage());
    }
    int expected = Math.max(1, outChannels - 1);
    if (labels.size() != expected) {
      throw new ModelCardException(source + ": " + labels.size() + " labels for " + outChannels
          + " output channels; expected " + expected + " (channel 0 is background)");
    }
    for (int i = 0; i < labels.size(); i++) {
      if (labels.get(i).labelValue() != i + 1) {
        throw new ModelCardException(source + ": label " + labels.get(i).label() + " has value "
            + labels.get(i).labelValue() + " but is listed for channel " + (i + 1));
      }
    }
    return labels;
  }

  /** A TSV with columns value and name (header row), names described by the built-in terminology. */
  private static List<SegmentDescription> tsvLabels(Path tsv, String source)
      throws ModelCardException, SegmentationException {
    List<String> lines;
    try {
      lines = Files.readAllLines(tsv);
    } catch (IOException e) {
      throw new ModelCardException(source + ": cannot read labels file " + tsv);
    }
    List<SegmentDescription> out = new ArrayList<>();
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      String[] cols = line.split("\t");
      if (cols.length < 2 || cols[0].equals("0")) {
        continue;
      }
      out.add(Terminology.wholeBodyCt().describe(Integer.parseInt(cols[0].trim()), cols[1].trim(), null));
    }
    return out;
  }
}
