package io.ctpipe.models.bpr;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@link BprReport} as bpreg's JSON (the same 14 keys, in bpreg's order and meaning) followed by a
 * "ctpipe" block with the QA flags. NaN, which bpreg writes as a bare token, is written as null so the file is
 * strict JSON.
 */
public final class BprJson {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private BprJson() {}

  public static void write(BprReport report, String ctpipeVersion, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    MAPPER.writeValue(file.toFile(), toJson(report, ctpipeVersion));
  }

  public static ObjectNode toJson(BprReport r, String ctpipeVersion) {
    BprSettings settings = r.card().settings();
    ScoreCurve c = r.curve();
    ObjectNode root = MAPPER.createObjectNode();
    numbers(root.putArray("cleaned slice scores"), c.cleaned());
    numbers(root.putArray("z"), c.z());
    numbers(root.putArray("unprocessed slice scores"), c.unprocessed());
    ObjectNode parts = root.putObject("body part examined");
    r.bodyPartExamined().forEach((region, indices) -> {
      ArrayNode list = parts.putArray(region);
      indices.forEach(i -> list.add((double) i));
    });
    root.put("body part examined tag", r.tag());
    ObjectNode table = root.putObject("look-up table");
    settings.lookupTable().forEach((name, l) -> number(number(table.putObject(name), "mean", l.mean()), "std",
        l.std()));
    number(root, "reverse z-ordering", c.reversed() ? 1.0 : 0.0);
    number(root, "valid z-spacing", c.validZSpacing());
    number(root, "expected slope", settings.slopeMean());
    number(root, "observed slope", c.fit().slope());
    number(root, "slope ratio", c.slopeRatio());
    number(root, "expected z-spacing", c.expectedZSpacing());
    number(root, "z-spacing", c.dz());
    settings(root.putObject("settings"), settings);
    ctpipe(root.putObject("ctpipe"), r, ctpipeVersion);
    return root;
  }

  private static void settings(ObjectNode node, BprSettings s) {
    ObjectNode processing = node.putObject("slice score processing");
    number(processing, "transform_min", s.transformMin());
    number(processing, "transform_max", s.transformMax());
    number(processing, "slope_mean", s.slopeMean());
    number(processing, "tangential_slope_min", s.tangentialSlopeMin());
    number(processing, "tangential_slope_max", s.tangentialSlopeMax());
    number(processing, "r_slope_threshold", s.rSlopeThreshold());
    number(processing, "smoothing_sigma", s.smoothingSigmaMm());
    numbers(processing.putArray("background_scores"), s.backgroundScores());
    ObjectNode dict = node.putObject("body part examined dict");
    for (BodyPartRules.Region region : BodyPartRules.REGIONS) {
      dict.putArray(region.name()).add(region.lower()).add(region.upper());
    }
    ObjectNode tag = node.putObject("body part examined tag");
    ObjectNode included = tag.putObject("body parts included");
    ObjectNode distinct = tag.putObject("distinct body parts");
    ObjectNode minimum = tag.putObject("min present landmarks");
    for (BodyPartRules.TagPart part : BodyPartRules.TAG_PARTS) {
      ArrayNode landmarks = included.putArray(part.name());
      part.landmarks().forEach(landmarks::add);
      distinct.putArray(part.name()).add(part.distinctLower()).add(part.distinctUpper());
      minimum.put(part.name(), part.minPresent());
    }
  }

  private static void ctpipe(ObjectNode node, BprReport r, String version) {
    node.put("version", version);
    node.putObject("model").put("id", r.card().id()).put("version", r.card().version())
        .put("sha256", r.card().sha256()).put("untrained", r.card().untrained());
    if (r.card().untrained()) {
      node.put("warning", "untrained replica with seeded random weights: the scores and body parts mean nothing");
    }
    BprAxes axes = r.axes();
    ObjectNode input = node.putObject("input");
    input.put("slices", r.slices()).put("sliceAxis", axes.sliceAxis()).put("storedHeadToFeet", axes.reversed());
    input.putArray("pixelSpacingMm").add(axes.rowSpacing()).add(axes.columnSpacing());
    input.putArray("resizedTo").add(r.resizedRows()).add(r.resizedColumns());
    ObjectNode qa = node.putObject("qa");
    ScoreCurve c = r.curve();
    qa.put("reversedSliceOrder", c.reversed());
    ObjectNode spacing = qa.putObject("zSpacing");
    number(spacing, "headerMm", c.dz());
    number(spacing, "estimatedMm", Math.abs(c.expectedZSpacing()));
    number(spacing, "ratio", c.slopeRatio());
    if (Double.isNaN(c.validZSpacing())) {
      spacing.putNull("valid");
    } else {
      spacing.put("valid", c.validZSpacing() == 1);
    }
    SliceAnomalies a = r.anomalies();
    ObjectNode anomalies = qa.putObject("anomalousSlices");
    number(number(number(anomalies, "medianResidual", a.median()), "mad", a.mad()), "threshold", a.threshold());
    anomalies.put("k", SliceAnomalies.K).put("count", a.slices().size());
    ArrayNode list = anomalies.putArray("slices");
    for (SliceAnomalies.Anomaly s : a.slices()) {
      list.addObject().put("index", s.index()).put("volumeSlice", axes.volumeSlice(s.index())).put("zMm", s.z())
          .put("score", s.score()).put("expected", s.expected()).put("residual", s.residual());
    }
    BodyPartCheck check = r.bodyPartCheck();
    qa.putObject("bodyPartExamined").put("dicom", check.dicom()).put("predicted", check.predicted())
        .put("agreement", check.agreement().name()).put("mismatch", check.mismatch());
    ObjectNode coverage = qa.putObject("coverageMm");
    r.coverageMm().forEach(coverage::put);
    node.putObject("timingsMillis").put("preprocess", r.preprocessMillis()).put("inference", r.inferenceMillis())
        .put("postprocess", r.postprocessMillis());
  }

  private static ObjectNode number(ObjectNode node, String name, double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      node.putNull(name);
    } else {
      node.put(name, value);
    }
    return node;
  }

  private static void numbers(ArrayNode array, double[] values) {
    for (double v : values) {
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        array.addNull();
      } else {
        array.add(v);
      }
    }
  }
}
