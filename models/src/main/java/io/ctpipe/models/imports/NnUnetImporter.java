package io.ctpipe.models.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctpipe.dicom.seg.CodedConcept;
import io.ctpipe.dicom.seg.SegmentDescription;
import io.ctpipe.dicom.seg.SegmentationException;
import io.ctpipe.dicom.seg.Terminology;
import io.ctpipe.models.card.ModelCards;
import io.ctpipe.models.checkpoint.Tensor;
import io.ctpipe.models.checkpoint.TorchCheckpoint;
import io.ctpipe.models.zoo.CardJson;
import io.ctpipe.models.zoo.PlainConvUNets;
import io.ctpipe.models.zoo.ZooModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Imports an nnU-Net v2 model (a release zip or the trainer folder holding {@code plans.json}, {@code dataset.json}
 * and {@code fold_N/checkpoint_final.pth}, as TotalSegmentator publishes them): reads the checkpoint safely,
 * builds PlainConvUNet from the plans' {@code 3d_fullres} configuration with every weight taken by its nnU-Net
 * name, and writes the ONNX file and a model card with the plans' spacing, patch size and CTNormalization.
 *
 * <p>The ONNX graph takes the window in ctpipe's axis order (i, j, k of the card's orientation): nnU-Net's array
 * axes (SimpleITK's z, y, x, permuted by {@code transpose_forward}) are mapped onto it by permuting the kernels.
 * nnU-Net's own prediction (its cropping, resampling and window placement) is not part of the card yet: the card
 * runs with ctpipe's sliding window, and its "nnunet" object keeps what that prediction mode will need.
 */
public final class NnUnetImporter {
  /** nnU-Net's default tile_step_size. */
  private static final double TILE_STEP = 0.5;
  private static final CodedConcept UNKNOWN_STRUCTURE = new CodedConcept("SCT", "85756007", "Tissue");
  /** Keys nnU-Net's state dicts hold twice: modules registered under a second name. */
  private static final Pattern ALIAS =
      Pattern.compile("decoder\\.encoder\\..*|.*\\.all_modules\\.\\d+\\.(weight|bias)");
  private static final Pattern DEEP_SUPERVISION = Pattern.compile("decoder\\.seg_layers\\.(\\d+)\\.(weight|bias)");

  private NnUnetImporter() {}

  /** What an import wrote. */
  public record Result(Path card, Path onnx, long parameters, int outChannels) {}

  /**
   * @param fold the fold folder to read ({@code fold_N})
   * @param checkpointName the checkpoint file in it, e.g. checkpoint_final.pth
   * @param orientation the orientation of the arrays the model was trained on: "RAS" (TotalSegmentator's canonical
   *     NIfTI) or "LPS"
   * @param id the model id for the card and file names (null: "nnunet-" + the zip or folder name)
   */
  public static Result importModel(Path source, Path outDir, int fold, String checkpointName, String orientation,
      String id) throws IOException {
    if (!orientation.equals("RAS") && !orientation.equals("LPS")) {
      throw new ImportException("orientation '" + orientation + "' is not RAS or LPS");
    }
    String checkpointPath = "fold_" + fold + "/" + io.ctpipe.dicom.SafePaths.requireFileName("--checkpoint",
        checkpointName);
    try (ModelSource model = ModelSource.openZipOrFolder(source, checkpointPath)) {
      String name = source.toString();
      NnUnetPlans plans = NnUnetPlans.read(model.text("plans.json"), model.text("dataset.json"), name);
      TorchCheckpoint checkpoint = TorchCheckpoint.read(model.checkpoint());
      if (checkpoint.at("network_weights") == null) {
        throw new ImportException(name + ": " + checkpointPath + " has no 'network_weights' (keys: "
            + checkpoint.rootKeys() + "); nnU-Net v2 checkpoints keep the state dict there");
      }
      int[] graphAxis = graphAxes(plans.transposeForward());
      String modelId = ImportedFiles.modelId(id, "nnunet-", model.name());
      ZooModel built = build(modelId, plans, graphAxis, checkpoint.stateDict("network_weights"), name);
      ObjectNode card = card(modelId, built, plans, graphAxis, orientation, labels(plans.labels(), name));
      card.putObject("importedFrom").put("format", "nnunet-v2").put("configuration", NnUnetPlans.CONFIGURATION)
          .put("checkpoint", checkpointPath).put("trainer", String.valueOf(checkpoint.at("trainer_name")))
          .put("checkpointSha256", ModelCards.sha256(model.checkpoint()));
      mirroring((ObjectNode) card.get("nnunet"), checkpoint.at("inference_allowed_mirroring_axes"), graphAxis, name);
      Path cardFile = ImportedFiles.write(outDir, modelId, built, card);
      return new Result(cardFile, ImportedFiles.file(outDir, modelId, ".onnx"), built.parameters(),
          built.outChannels());
    }
  }

  /**
   * For each network axis, ctpipe's axis: network axis a is SimpleITK array axis transpose_forward[a], and
   * SimpleITK's array axes (z, y, x) are ctpipe's (k, j, i).
   */
  static int[] graphAxes(int[] transposeForward) {
    int[] out = new int[3];
    for (int a = 0; a < 3; a++) {
      out[a] = 2 - transposeForward[a];
    }
    return out;
  }

  private static ZooModel build(String id, NnUnetPlans plans, int[] graphAxis, Map<String, Tensor> state,
      String name) throws ImportException {
    CheckpointWeights weights = new CheckpointWeights(state);
    ZooModel model;
    try {
      model = PlainConvUNets.build(id, plans.network(), graphAxis, plans.patch(), weights);
    } catch (IllegalArgumentException e) {
      throw new ImportException(name + ": " + e.getMessage());
    }
    int lastHead = plans.network().features().length - 2;
    List<String> extra = new ArrayList<>();
    for (String key : weights.unused()) {
      var head = DEEP_SUPERVISION.matcher(key);
      if (!ALIAS.matcher(key).matches() && !(head.matches() && Integer.parseInt(head.group(1)) < lastHead)) {
        extra.add(key);
      }
    }
    if (!extra.isEmpty()) {
      throw new ImportException(name + ": the checkpoint holds parameters PlainConvUNet with these plans does not "
          + "have: " + extra.subList(0, Math.min(10, extra.size())) + (extra.size() > 10 ? " ..." : ""));
    }
    return model;
  }

  /** Labels 1.. described by the built-in whole-body table (TotalSegmentator's names), else as "Tissue". */
  private static List<SegmentDescription> labels(List<String> names, String source) throws ImportException {
    List<SegmentDescription> out = new ArrayList<>();
    try {
      for (int v = 1; v < names.size(); v++) {
        out.add(Terminology.wholeBodyCt().describe(v, names.get(v), UNKNOWN_STRUCTURE));
      }
    } catch (SegmentationException e) {
      throw new ImportException(source + ": dataset.json labels: " + e.getMessage(), e);
    }
    return out;
  }

  private static ObjectNode card(String id, ZooModel model, NnUnetPlans plans, int[] graphAxis, String orientation,
      List<SegmentDescription> labels) {
    ObjectNode card = new ObjectMapper().createObjectNode();
    var net = plans.network();
    card.put("id", id).put("version", "imported").put("task", "segmentation").put("untrained", false);
    card.put("architecture", "nnU-Net PlainConvUNet: features " + java.util.Arrays.toString(net.features())
        + ", kernels " + java.util.Arrays.deepToString(net.kernels()) + ", strides "
        + java.util.Arrays.deepToString(net.strides()) + " (network axis order), convs per stage "
        + java.util.Arrays.toString(net.convsEncoder()) + " / " + java.util.Arrays.toString(net.convsDecoder())
        + ", instance norm, LeakyReLU " + net.negativeSlope() + "; deep-supervision heads of the checkpoint dropped");
    card.put("summary", "Imported from an nnU-Net v2 model (" + NnUnetPlans.CONFIGURATION + "). Runs with ctpipe's "
        + "sliding window; nnU-Net's own prediction (crop to non-zero, its resampling and window placement) is not "
        + "built yet.");
    double[] spacing = new double[3];
    for (int a = 0; a < 3; a++) {
      spacing[graphAxis[a]] = plans.spacing()[a];
    }
    CardJson.common(card, model, spacing, 1 - TILE_STEP);
    card.put("orientation", orientation);
    double[] clip = plans.clip();
    card.putObject("intensityTransform").put("type", "clip-scale").put("clipMin", clip[0]).put("clipMax", clip[1])
        .put("scale", 1 / plans.std()).put("shift", -plans.mean() / plans.std())
        .put("formula", "x = (min(max(HU, " + clip[0] + "), " + clip[1] + ") - " + plans.mean() + ") / "
            + plans.std() + " (nnU-Net CTNormalization)");
    card.put("padValue", 0.0);
    CardJson.labels(card, labels);
    ObjectNode nnunet = card.putObject("nnunet");
    nnunet.put("tileStepSize", TILE_STEP);
    ints(nnunet.putArray("patchSize"), plans.patch());
    numbers(nnunet.putArray("spacing"), plans.spacing());
    ints(nnunet.putArray("transposeForward"), plans.transposeForward());
    ints(nnunet.putArray("transposeBackward"), plans.transposeBackward());
    ints(nnunet.putArray("cardAxisOfNetworkAxis"), graphAxis);
    nnunet.putObject("normalization").put("scheme", "CTNormalization").put("percentile_00_5", clip[0])
        .put("percentile_99_5", clip[1]).put("mean", plans.mean()).put("std", plans.std());
    return card;
  }

  /** The checkpoint's inference_allowed_mirroring_axes (network axes) and the card axes they are. */
  private static void mirroring(ObjectNode nnunet, Object axes, int[] graphAxis, String source)
      throws ImportException {
    if (axes == null) {
      nnunet.putNull("mirroringAxes");
      return;
    }
    if (!(axes instanceof List<?> list)) {
      throw new ImportException(source + ": inference_allowed_mirroring_axes is " + axes + ", not a list of axes");
    }
    ArrayNode network = nnunet.putArray("mirroringAxes");
    ArrayNode card = nnunet.putArray("mirroringCardAxes");
    for (Object a : list) {
      if (!(a instanceof Long axis) || axis < 0 || axis > 2) {
        throw new ImportException(source + ": inference_allowed_mirroring_axes " + axes + " must name axes 0 to 2");
      }
      network.add(axis);
      card.add(graphAxis[axis.intValue()]);
    }
  }

  private static void ints(ArrayNode array, int[] values) {
    for (int v : values) {
      array.add(v);
    }
  }

  private static void numbers(ArrayNode array, double[] values) {
    for (double v : values) {
      array.add(v);
    }
  }
}
