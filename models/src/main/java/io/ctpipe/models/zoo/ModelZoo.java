package io.ctpipe.models.zoo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctpipe.dicom.seg.CodedConcept;
import io.ctpipe.dicom.seg.SegmentDescription;
import io.ctpipe.dicom.seg.Terminology;
import io.ctpipe.models.bpr.BprCards;
import io.ctpipe.models.bpr.BpregLookupTable;
import io.ctpipe.models.card.ModelCards;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in models, each written as an ONNX file and a model card: the analytic {@code tissue-ct}, and seeded,
 * untrained replicas of MONAI SegResNet, Auto3DSeg SegResNetDS and bpreg's body part regression network.
 */
public final class ModelZoo {
  public static final String TISSUE_CT = "tissue-ct";
  public static final String SEGRESNET_DEFAULT = "segresnet-default";
  public static final String SEGRESNETDS_105 = "segresnetds-wholebody-105";
  public static final String SEGRESNETDS_118 = "segresnetds-wholebody-118";
  public static final String BPR_VGG16 = BprVgg16.ID;
  public static final List<String> IDS = List.of(TISSUE_CT, SEGRESNET_DEFAULT, SEGRESNETDS_105, SEGRESNETDS_118,
      BPR_VGG16);
  private static final long SEED = 20261126L;
  private static final CodedConcept TISSUE = new CodedConcept("SCT", "85756007", "Tissue");
  private static final CodedConcept ANATOMY = new CodedConcept("SCT", "123037004", "Anatomical Structure");

  private ModelZoo() {}

  /** Writes the named models (all when empty) into a folder; returns the card paths by id. */
  public static Map<String, Path> write(Path folder, List<String> ids) throws IOException {
    Files.createDirectories(folder);
    Map<String, Path> cards = new LinkedHashMap<>();
    for (String id : ids.isEmpty() ? IDS : ids) {
      cards.put(id, write(folder, id));
    }
    return cards;
  }

  private static Path write(Path folder, String id) throws IOException {
    ObjectNode card = new ObjectMapper().createObjectNode();
    ZooModel model;
    switch (id) {
      case TISSUE_CT -> {
        model = TissueCt.build(new int[] {64, 64, 64});
        card.put("untrained", false).put("analytic", true).put("summary", "Hand-set weights: HU bands after 5x5x5 "
            + "smoothing (air, lung, fat, soft tissue, bone). Meaningful on any CT; not a clinical model.");
        CardJson.common(card, model, new double[] {3, 3, 3}, 0.25);
        card.putObject("intensityTransform").put("type", "clip-scale").put("clipMin", -1024).put("clipMax", 2048)
            .put("scale", TissueCt.SCALE);
        card.put("padValue", -1.024);
        CardJson.labels(card, List.of(
            new SegmentDescription(1, "lung", ANATOMY, new CodedConcept("SCT", "39607008", "Lung"), null,
                new int[] {197, 165, 145}),
            new SegmentDescription(2, "fat", TISSUE, new CodedConcept("SCT", "55603005", "Adipose tissue"), null,
                new int[] {230, 220, 70}),
            new SegmentDescription(3, "soft_tissue", TISSUE, new CodedConcept("SCT", "87784001", "Soft tissue"),
                null, new int[] {192, 104, 88}),
            new SegmentDescription(4, "bone", TISSUE, new CodedConcept("SCT", "272673000", "Bone"), null,
                new int[] {241, 214, 145})));
      }
      case SEGRESNET_DEFAULT -> {
        model = SegResNets.segResNet(id, 1, new int[] {64, 128, 128}, SEED);
        untrained(card, "MONAI SegResNet() defaults: init_filters 8, blocks_down 1,2,2,4, GroupNorm 8, 1 output");
        CardJson.common(card, model, new double[] {1.5, 1.5, 1.5}, 0.25);
        card.putObject("intensityTransform").put("type", "clip-scale").put("clipMin", -1000).put("clipMax", 1000)
            .put("scale", 0.001);
        card.put("padValue", -1.0);
        CardJson.labels(card, List.of(new SegmentDescription(1, "foreground", ANATOMY, new CodedConcept("SCT",
            "38266002", "Entire body as a whole"), null, null)));
      }
      case SEGRESNETDS_105, SEGRESNETDS_118 -> {
        int channels = id.equals(SEGRESNETDS_105) ? 105 : 118;
        model = SegResNets.segResNetDs(id, channels, new int[] {96, 96, 96}, SEED);
        untrained(card, "Auto3DSeg SegResNetDS: init_filters 32, blocks_down 1,2,2,4,4, instance norm, "
            + "full-resolution head only; " + SegResNets.segResNetDsCheckpointParameters(channels)
            + " parameters in a MONAI checkpoint with its three deep-supervision heads");
        CardJson.common(card, model, new double[] {1.5, 1.5, 1.5}, 0.625);
        card.putArray("spacingTolerance").add(0.75).add(1.25);
        card.putObject("cropForeground").put("thresholdHu", 0).put("margin", 10);
        card.putObject("intensityTransform").put("type", "range").put("min", -1000).put("max", 1500)
            .put("sigmoid", true);
        card.put("padValue", 0.0);
        CardJson.labels(card, Terminology.wholeBodyCt().entries().subList(0, channels - 1));
        if (channels == 105) {
          card.put("labelsNote", "channels 1-104 carry the TotalSegmentator v2 names of values 1-104 as "
              + "placeholders: the replica is untrained");
        }
      }
      case BPR_VGG16 -> {
        model = BprVgg16.build(SEED);
        untrained(card, "bpreg body part regression: VGG16 features (1 input channel, first conv without bias), "
            + "1x1 conv 512 + ReLU, global mean, linear 512 -> 1");
        card.put("parameters", model.parameters()).put("macsPerSlice", model.macsPerWindow()).put("batch", 16);
        card.putObject("input").put("name", "input");
        card.putObject("output").put("name", "score");
        card.putArray("backgroundScores");
        replicaInferenceSettings(card.putObject("inferenceSettings"));
      }
      default -> {
        int classes = ClassProbe.classes(id);
        if (classes < 0) {
          throw new IllegalArgumentException("unknown zoo model '" + id + "'; known: " + IDS + " and "
              + ClassProbe.PREFIX + "C (C from 2 to 1024)");
        }
        model = ClassProbe.build(classes, new int[] {96, 96, 96}, SEED);
        untrained(card, "conv 3x3x3 1->8, ReLU, conv 1x1x1 8->" + classes + ": for accumulation memory studies");
        CardJson.common(card, model, new double[] {1.5, 1.5, 1.5}, 0.5);
        card.putObject("intensityTransform").put("type", "range").put("min", -1000).put("max", 1000);
        card.put("padValue", 0.0);
        List<SegmentDescription> placeholders = new java.util.ArrayList<>();
        for (int value = 1; value < classes; value++) {
          placeholders.add(new SegmentDescription(value, "class_" + value, ANATOMY, ANATOMY, null, null));
        }
        CardJson.labels(card, placeholders);
      }
    }
    Path onnx = folder.resolve(id + ".onnx");
    Files.write(onnx, model.onnx());
    card.put("id", id).put("version", "1.0.0").put("task", id.equals(BPR_VGG16) ? BprCards.TASK : "segmentation").put("file", onnx.getFileName()
        .toString()).put("sha256", ModelCards.sha256(model.onnx()));
    Path cardFile = folder.resolve(id + ".card.json");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(cardFile.toFile(), card);
    return cardFile;
  }

  /**
   * bpreg-format inference settings for the replica: the public model's published transformed look-up table
   * serves as the "original" one too (so raw scores are used untransformed), with bpreg's default slope
   * constants; the card's background scores are empty because the replica has none of its own.
   */
  private static void replicaInferenceSettings(ObjectNode settings) {
    settings.put("slope_mean", 0.118).put("lower_quantile_tangential_slope", -0.037)
        .put("upper_quantile_tangential_slope", 0.25);
    ObjectNode table = settings.putObject("lookuptable_train_val");
    ObjectNode original = table.putObject("original");
    ObjectNode transformed = table.putObject("transformed");
    BpregLookupTable.load().forEach((name, l) -> {
      original.putObject(name).put("mean", l.mean()).put("std", l.std());
      transformed.putObject(name).put("mean", l.mean()).put("std", l.std());
    });
    settings.putObject("settings").put("start-landmark", "pelvis_start").put("end-landmark", "eyes_end");
  }

  private static void untrained(ObjectNode card, String architecture) {
    card.put("untrained", true).put("architecture", architecture).put("summary", "Seeded random weights "
        + "(He-normal, seed " + SEED + "): for speed and memory benchmarks only. Its output means nothing.");
  }
}
