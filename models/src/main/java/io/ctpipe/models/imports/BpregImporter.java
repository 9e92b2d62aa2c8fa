package io.ctpipe.models.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctpipe.models.bpr.BprCards;
import io.ctpipe.models.checkpoint.TorchCheckpoint;
import io.ctpipe.models.zoo.BprVgg16;
import io.ctpipe.models.zoo.ZooModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Imports bpreg's public body part regression model (the folder or zip of {@code model.pt}, {@code config.json} and
 * {@code inference-settings.json}): the VGG16 regressor with every one of its 30 tensors loaded by name (bpreg
 * itself loads with strict=False, which would hide a mismatch), and a card that points at the model's own
 * inference settings.
 */
public final class BpregImporter {
  private static final String SETTINGS = "inference-settings.json";

  private BpregImporter() {}

  /** What an import wrote. */
  public record Result(Path card, Path onnx, long parameters) {}

  /** @param id the model id (null: "bpreg-" + the folder or zip name) */
  public static Result importModel(Path source, Path outDir, String id) throws IOException {
    try (ModelSource model = ModelSource.open(source, "model.pt")) {
      String name = source.toString();
      checkConfig(model.text("config.json"), name);
      String settings = model.text(SETTINGS);
      try {
        new ObjectMapper().readTree(settings);
      } catch (IOException e) {
        throw new ImportException(name + ": " + SETTINGS + " is not valid JSON: " + e.getMessage());
      }
      TorchCheckpoint checkpoint = TorchCheckpoint.read(model.checkpoint());
      String modelId = ImportedFiles.modelId(id, "bpreg-", model.name());
      CheckpointWeights weights = new CheckpointWeights(ImportedFiles.stateDict(checkpoint));
      ZooModel built;
      try {
        built = BprVgg16.build(modelId, weights);
      } catch (IllegalArgumentException e) {
        throw new ImportException(name + ": " + e.getMessage());
      }
      Set<String> extra = weights.unused();
      if (!extra.isEmpty()) {
        throw new ImportException(name + ": model.pt holds parameters bpreg's VGG16 regressor does not have: "
            + List.copyOf(extra).subList(0, Math.min(10, extra.size())));
      }
      Files.createDirectories(outDir);
      Files.writeString(ImportedFiles.file(outDir, modelId, "." + SETTINGS), settings);
      ObjectNode card = new ObjectMapper().createObjectNode();
      card.put("id", modelId).put("version", "imported").put("task", BprCards.TASK).put("untrained", false)
          .put("architecture", "bpreg body part regression: VGG16 features (1 input channel, first conv without "
              + "bias), 1x1 conv 512 + ReLU, global mean, linear 512 -> 1")
          .put("summary", "Imported from bpreg's model.pt, config.json and " + SETTINGS + ".");
      card.putObject("importedFrom").put("format", "bpreg");
      card.put("parameters", built.parameters()).put("macsPerSlice", built.macsPerWindow()).put("batch", 16);
      card.putObject("input").put("name", "input");
      card.putObject("output").put("name", "score");
      card.put("inferenceSettings", modelId + "." + SETTINGS);
      Path cardFile = ImportedFiles.write(outDir, modelId, built, card);
      return new Result(cardFile, ImportedFiles.file(outDir, modelId, ".onnx"), built.parameters());
    }
  }

  /** bpreg's training settings: only the VGG base model is the published architecture. */
  private static void checkConfig(String json, String name) throws ImportException {
    JsonNode config;
    try {
      config = new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new ImportException(name + ": config.json is not valid JSON: " + e.getMessage());
    }
    String base = config.path("base_model").asText("vgg");
    if (!base.equals("vgg")) {
      throw new ImportException(name + ": config.json base_model is '" + base + "'; ctpipe imports bpreg's VGG "
          + "model (the public one) only");
    }
  }
}
