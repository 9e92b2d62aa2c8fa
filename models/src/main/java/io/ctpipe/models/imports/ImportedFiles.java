package io.ctpipe.models.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctpipe.dicom.SafePaths;
import io.ctpipe.models.card.ModelCards;
import io.ctpipe.models.checkpoint.CheckpointException;
import io.ctpipe.models.checkpoint.Tensor;
import io.ctpipe.models.checkpoint.TorchCheckpoint;
import io.ctpipe.models.zoo.ZooModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** What the importers share: finding the state dict, naming the model, writing the ONNX file and its card. */
final class ImportedFiles {
  private ImportedFiles() {}

  /** The checkpoint's "state_dict" entry, or its root when the file is a bare state dict. */
  static Map<String, Tensor> stateDict(TorchCheckpoint checkpoint) throws CheckpointException {
    return checkpoint.at("state_dict") != null ? checkpoint.stateDict("state_dict") : checkpoint.stateDict();
  }

  /**
   * The given id, or the prefix and the source's name with anything but letters, digits, '.', '_' and '-' dashed.
   *
   * @throws io.ctpipe.dicom.UnsafeNameException when the given id is not a safe file name
   */
  static String modelId(String id, String prefix, String sourceName) {
    return id != null ? SafePaths.requireFileName("--id", id)
        : SafePaths.requireFileName("model id", prefix + sourceName.replaceAll("[^A-Za-z0-9._-]+", "-"));
  }

  /** The file {@code id + suffix} below {@code outDir}. */
  static Path file(Path outDir, String id, String suffix) {
    return SafePaths.under(outDir, id + suffix);
  }

  /** Writes {@code ID.onnx} and {@code ID.card.json} (with "file" and "sha256" added); returns the card's path. */
  static Path write(Path outDir, String id, ZooModel model, ObjectNode card) throws IOException {
    Files.createDirectories(outDir);
    Path onnx = file(outDir, id, ".onnx");
    Files.write(onnx, model.onnx());
    card.put("file", onnx.getFileName().toString()).put("sha256", ModelCards.sha256(model.onnx()));
    Path cardFile = file(outDir, id, ".card.json");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(cardFile.toFile(), card);
    return cardFile;
  }
}
