package io.ctpipe.models.optimize;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctpipe.dicom.volume.HuVolume;
import io.ctpipe.models.card.ModelCard;
import io.ctpipe.models.card.ModelCards;
import io.ctpipe.models.preprocess.Preprocessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an int8 (QDQ) copy of a card's model, calibrated on windows of a CT prepared as the card says, with a
 * card of its own ({@code <id>-int8}) that names the fp32 model as its {@code fp32Source} (file relative to the new
 * card, and SHA-256), which runs the windows int8 gets wrong.
 */
public final class ModelQuantizer {
  private ModelQuantizer() {}

  /** Returns the new card's path. */
  public static Path quantize(Path cardFile, HuVolume calibrationCt, Path outFolder) throws Exception {
    ModelCard card = ModelCards.read(cardFile);
    String fp32Sha256 = ModelCards.verifiedSha256(card);
    Preprocessor.Prepared prepared = Preprocessor.prepare(calibrationCt, card);
    List<float[]> windows = windows(prepared, card.roiSize(), card.padValue());
    int[] r = card.roiSize();
    byte[] onnx = Files.readAllBytes(card.file());
    String input = card.inputName() != null ? card.inputName()
        : ai.onnx.proto.OnnxMl.ModelProto.parseFrom(onnx).getGraph().getInput(0).getName();
    QdqQuantizer.Result result = QdqQuantizer.quantize(onnx, input, new long[] {1, 1, r[0], r[1], r[2]}, windows);
    Files.createDirectories(outFolder);
    String id = card.id() + "-int8";
    Path model = outFolder.resolve(id + ".onnx");
    Files.write(model, result.onnx());
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode node = (ObjectNode) mapper.readTree(cardFile.toFile());
    node.put("id", id).put("file", model.getFileName().toString()).put("sha256", ModelCards.sha256(result.onnx()))
        .put("precision", "int8")
        .put("quantization", "int8 QDQ: " + result.quantizedConvolutions() + " convolutions, per-channel weights, "
            + "activations calibrated on " + windows.size() + " window(s)");
    node.putObject("fp32Source")
        .put("file", outFolder.toAbsolutePath().relativize(card.file().toAbsolutePath()).toString())
        .put("sha256", fp32Sha256);
    if (node.get("labels").isTextual()) {
      Path labels = cardFile.toAbsolutePath().getParent().resolve(node.get("labels").asText());
      Path copy = outFolder.resolve(id + ".labels.tsv");
      Files.copy(labels, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      node.put("labels", copy.getFileName().toString());
    }
    Path out = outFolder.resolve(id + ".card.json");
    mapper.writeValue(out.toFile(), node);
    return out;
  }

  /** Up to 4 ROI-sized windows spread along the first model axis (padded where the grid is smaller). */
  static List<float[]> windows(Preprocessor.Prepared prepared, int[] roi, float pad) {
    int[] size = prepared.grid().size();
    List<float[]> out = new ArrayList<>();
    int positions = Math.max(1, Math.min(4, size[0] - roi[0] + 1));
    for (int p = 0; p < positions; p++) {
      int[] start = new int[3];
      start[0] = positions == 1 ? (size[0] - roi[0]) / 2 : p * (size[0] - roi[0]) / (positions - 1);
      start[1] = (size[1] - roi[1]) / 2;
      start[2] = (size[2] - roi[2]) / 2;
      float[] w = new float[roi[0] * roi[1] * roi[2]];
      int i = 0;
      for (int x = 0; x < roi[0]; x++) {
        for (int y = 0; y < roi[1]; y++) {
          for (int z = 0; z < roi[2]; z++, i++) {
            int sx = start[0] + x;
            int sy = start[1] + y;
            int sz = start[2] + z;
            boolean inside = sx >= 0 && sx < size[0] && sy >= 0 && sy < size[1] && sz >= 0 && sz < size[2];
            w[i] = inside ? prepared.values()[(sx * size[1] + sy) * size[2] + sz] : pad;
          }
        }
      }
      out.add(w);
    }
    return out;
  }
}
