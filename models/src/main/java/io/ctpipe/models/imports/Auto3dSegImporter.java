package io.ctpipe.models.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctpipe.dicom.seg.SegmentDescription;
import io.ctpipe.models.card.ModelCards;
import io.ctpipe.models.checkpoint.Tensor;
import io.ctpipe.models.checkpoint.TorchCheckpoint;
import io.ctpipe.models.zoo.CardJson;
import io.ctpipe.models.zoo.SegResNetDsConfig;
import io.ctpipe.models.zoo.SegResNets;
import io.ctpipe.models.zoo.ZooModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Imports a 3D Slicer MONAIAuto3DSeg model (release zip, folder, or {@code model.pt} with {@code labels.csv} beside
 * it): reads the checkpoint safely, builds SegResNetDS from {@code config["network"]} with every weight taken by
 * its MONAI name (the deep-supervision heads are dropped: inference returns the full-resolution head only), and
 * writes the ONNX file and a model card whose settings are the ones Slicer's inference script takes from the config.
 */
public final class Auto3dSegImporter {
  /** Slicer's script: SlidingWindowInfererAdapt(overlap=0.625, mode="gaussian"), Spacingd within 0.75–1.25 p. */
  private static final double OVERLAP = 0.625;
  private static final Pattern DEEP_SUPERVISION_HEAD = Pattern.compile("up_layers\\.(\\d+)\\.head\\.(weight|bias)");

  private Auto3dSegImporter() {}

  /** What an import wrote. */
  public record Result(Path card, Path onnx, long parameters, int outChannels) {}

  /**
   * @param id the model id for the card and file names (null: "auto3dseg-" + the zip or folder name)
   */
  public static Result importModel(Path source, Path outDir, String id) throws IOException {
    try (ModelSource model = ModelSource.open(source, "model.pt")) {
      String name = source.toString();
      TorchCheckpoint checkpoint = TorchCheckpoint.read(model.checkpoint());
      Auto3dSegConfig config = Auto3dSegConfig.read(checkpoint, name);
      Map<String, Tensor> state = ImportedFiles.stateDict(checkpoint);
      List<SegmentDescription> labels = SlicerLabels.parse(model.text("labels.csv"), name + ": labels.csv",
          config.network().outChannels());
      String modelId = ImportedFiles.modelId(id, "auto3dseg-", model.name());
      ZooModel built = build(modelId, config, state, name);
      Path card = ImportedFiles.write(outDir, modelId, built, card(modelId, built, config, labels, checkpoint,
          model.checkpoint()));
      return new Result(card, ImportedFiles.file(outDir, modelId, ".onnx"), built.parameters(), built.outChannels());
    }
  }

  private static ZooModel build(String id, Auto3dSegConfig config, Map<String, Tensor> state, String name)
      throws ImportException {
    CheckpointWeights weights = new CheckpointWeights(state);
    ZooModel model;
    try {
      model = SegResNets.segResNetDs(id, config.network(), config.roiSize(), weights);
    } catch (IllegalArgumentException e) {
      throw new ImportException(name + ": " + e.getMessage());
    }
    int finalHead = config.network().blocksDown().length - 2;
    List<String> extra = new ArrayList<>();
    for (String key : weights.unused()) {
      var m = DEEP_SUPERVISION_HEAD.matcher(key);
      if (!(m.matches() && Integer.parseInt(m.group(1)) < finalHead)) {
        extra.add(key);
      }
    }
    if (!extra.isEmpty()) {
      throw new ImportException(name + ": the checkpoint holds parameters SegResNetDS with this config does not "
          + "have: " + extra.subList(0, Math.min(10, extra.size())) + (extra.size() > 10 ? " ..." : ""));
    }
    return model;
  }

  private static ObjectNode card(String id, ZooModel model, Auto3dSegConfig config, List<SegmentDescription> labels,
      TorchCheckpoint checkpoint, Path checkpointFile) throws IOException {
    ObjectNode card = new ObjectMapper().createObjectNode();
    SegResNetDsConfig net = config.network();
    card.put("id", id).put("version", "imported").put("task", "segmentation").put("untrained", false);
    card.put("architecture", "Auto3DSeg SegResNetDS: init_filters " + net.initFilters() + ", blocks_down "
        + java.util.Arrays.toString(net.blocksDown()) + ", blocks_up " + java.util.Arrays.toString(net.blocksUp())
        + ", instance norm, deconvolution upsampling; full-resolution head only (" + Math.max(0, config.dsDepth() - 1)
        + " deep-supervision heads of the checkpoint dropped)");
    card.put("summary", "Imported from a MONAIAuto3DSeg model.pt (epoch " + checkpoint.at("epoch") + ", best metric "
        + checkpoint.at("best_metric") + " as stored in the checkpoint).");
    card.putObject("importedFrom").put("format", "auto3dseg")
        .put("checkpointSha256", ModelCards.sha256(checkpointFile))
        .put("epoch", String.valueOf(checkpoint.at("epoch"))).put("bestMetric",
            String.valueOf(checkpoint.at("best_metric")));
    CardJson.common(card, model, config.resampleResolution(), OVERLAP);
    card.put("inChannels", net.inChannels());
    card.put("orientation", config.orientationRas() ? "RAS" : "LPS");
    card.putArray("spacingTolerance").add(0.75).add(1.25);
    if (config.cropForeground()) {
      card.putObject("cropForeground").put("thresholdHu", 0).put("margin", 10);
    }
    card.putObject("intensityTransform").put("type", "range").put("min", config.intensityBounds()[0])
        .put("max", config.intensityBounds()[1]).put("sigmoid", true);
    card.put("padValue", 0.0);
    CardJson.labels(card, labels);
    return card;
  }
}
