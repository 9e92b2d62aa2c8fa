package io.ctpipe.models.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctpipe.dicom.testing.ExternalTools;
import io.ctpipe.models.bpr.BprCard;
import io.ctpipe.models.bpr.BprCards;
import io.ctpipe.models.runtime.OrtSessions;
import io.ctpipe.models.zoo.ModelZoo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bpreg-style model folder written by python3-torch (bpreg's parameter names, random weights): the import gives
 * PyTorch's scores, its card reads as a body part regression card with the folder's inference settings, and a
 * tensor the network does not have or another base model is refused by name.
 */
class BpregImporterTest {
  @TempDir
  static Path dir;
  private static long pytorchParameters;

  @BeforeAll
  static void writeModels() throws Exception {
    pytorchParameters = Long.parseLong(ExternalTools.runPythonScript("torch", "bpreg_checkpoint.py", dir.toString())
        .trim());
    // bpreg's inference-settings.json has the shape of the replica card's inline settings
    Path zoo = ModelZoo.write(dir.resolve("zoo"), List.of(ModelZoo.BPR_VGG16)).get(ModelZoo.BPR_VGG16);
    String settings = new ObjectMapper().readTree(zoo.toFile()).get("inferenceSettings").toString();
    for (String folder : List.of("bpr_model", "extra", "resnet")) {
      Files.writeString(dir.resolve(folder).resolve("inference-settings.json"), settings);
    }
  }

  @Test
  void importedScoresEqualPytorchsAndTheCardReads(@TempDir Path out) throws Exception {
    BpregImporter.Result result = BpregImporter.importModel(dir.resolve("bpr_model"), out, null);
    assertEquals(14_976_641L, result.parameters());
    assertEquals(pytorchParameters, result.parameters());
    BprCard card = BprCards.read(result.card());
    assertEquals("bpreg-bpr_model", card.id());
    assertEquals(false, card.untrained());
    float[] input = floats(dir.resolve("input.raw"));
    float[] expected = floats(dir.resolve("scores.raw"));
    try (OrtSessions.Lease lease = OrtSessions.acquire(Files.readAllBytes(result.onnx()), "bpreg-import", 1)) {
      var env = ai.onnxruntime.OrtEnvironment.getEnvironment();
      try (var tensor = ai.onnxruntime.OnnxTensor.createTensor(env, java.nio.FloatBuffer.wrap(input),
          new long[] {3, 1, 128, 128}); var scores = lease.session().run(Map.of("input", tensor))) {
        float[][] got = (float[][]) scores.get(0).getValue();
        for (int i = 0; i < expected.length; i++) {
          assertEquals(expected[i], got[i][0], 1e-4 * Math.max(1, Math.abs(expected[i])), "slice " + i);
        }
      }
    }
  }

  @Test
  void aTensorTheNetworkLacksOrAnotherBaseModelIsRefused(@TempDir Path out) {
    ImportException extra = assertThrows(ImportException.class,
        () -> BpregImporter.importModel(dir.resolve("extra"), out, null));
    assertTrue(extra.getMessage().endsWith("model.pt holds parameters bpreg's VGG16 regressor does not have: "
        + "[model.0.bias]"), extra.getMessage());
    ImportException resnet = assertThrows(ImportException.class,
        () -> BpregImporter.importModel(dir.resolve("resnet"), out, null));
    assertTrue(resnet.getMessage().endsWith("config.json base_model is 'resnet'; ctpipe imports bpreg's VGG model "
        + "(the public one) only"), resnet.getMessage());
  }

  private static float[] floats(Path file) throws Exception {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[bytes.remaining() / 4];
    bytes.asFloatBuffer().get(out);
    return out;
  }
}
