package io.ctpipe.models.imports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.dicom.seg.SegmentDescription;
import io.ctpipe.dicom.testing.ExternalTools;
import io.ctpipe.models.card.IntensityTransform;
import io.ctpipe.models.card.ModelCard;
import io.ctpipe.models.card.ModelCards;
import io.ctpipe.models.runtime.OrtPredictor;
import io.ctpipe.models.runtime.OrtSessions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Auto3DSeg SegResNetDS checkpoints written by python3-torch with MONAI's parameter names (a small network with
 * random weights): the imported ONNX graph gives PyTorch's logits, the card carries the config's settings and
 * labels.csv's codes, and broken checkpoints fail naming what is wrong.
 */
class Auto3dSegImporterTest {
  @TempDir
  static Path dir;

  @BeforeAll
  static void writeCheckpoints() throws Exception {
    ExternalTools.runPythonScript("torch", "auto3dseg_checkpoint.py", dir.toString(), "tiny");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"good", "good/model.pt", "tiny-release.zip"})
  void importedLogitsEqualPytorchs(String source, @TempDir Path out) throws Exception {
    Auto3dSegImporter.Result result = Auto3dSegImporter.importModel(dir.resolve(source), out, "tiny");
    assertEquals(4, result.outChannels());
    float[] input = floats(dir.resolve("input.raw"));
    float[] expected = floats(dir.resolve("logits.raw"));
    int[] roi = {16, 16, 16};
    try (OrtPredictor model = new OrtPredictor(OrtSessions.acquire(Files.readAllBytes(result.onnx()),
        "tiny-" + source, 1), null, null, roi)) {
      model.inputBuffer(1).put(0, input);
      FloatBuffer logits = model.predict(1);
      double maxDiff = 0;
      double maxAbs = 0;
      for (int i = 0; i < expected.length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(logits.get(i) - expected[i]));
        maxAbs = Math.max(maxAbs, Math.abs(expected[i]));
      }
      System.out.printf("auto3dseg import %s: max |ctpipe − PyTorch| / max |PyTorch| = %.2e%n", source,
          maxDiff / maxAbs);
      assertTrue(maxDiff / maxAbs < 1e-4, "max |ctpipe − PyTorch| / max |PyTorch| = " + maxDiff / maxAbs);
    }
  }

  @Test
  void theCardCarriesTheConfigAndLabelsCsv(@TempDir Path out) throws Exception {
    Auto3dSegImporter.Result result = Auto3dSegImporter.importModel(dir.resolve("tiny-release.zip"), out, null);
    assertEquals(out.resolve("auto3dseg-tiny-release.card.json"), result.card());
    ModelCard card = ModelCards.read(result.card());
    assertEquals(false, card.untrained());
    assertArrayEquals(new double[] {1.5, 1.5, 1.5}, card.spacing());
    assertArrayEquals(new int[] {16, 16, 16}, card.roiSize());
    assertEquals("LPS", card.orientation());
    assertEquals(0.625, card.overlap());
    assertEquals(new IntensityTransform.Range(-1000, 1500, true), card.intensity());
    assertEquals(0, card.cropThresholdHu());
    assertEquals(10, card.cropMargin());
    List<SegmentDescription> labels = card.labels();
    assertEquals(3, labels.size());
    assertEquals("Liver", labels.get(0).label());
    assertEquals("10200004", labels.get(0).type().code());
    assertEquals("7771000", labels.get(1).modifier().code());
    assertEquals("Spleen, accessory", labels.get(2).label());
    String json = Files.readString(result.card());
    assertTrue(json.contains("\"epoch\" : \"7\""), json);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "missing-key|the checkpoint has no parameter 'encoder.layers.1.blocks.1.conv2.weight' (shape [8, 8, 3, 3, 3]) "
          + "that the network needs",
      "wrong-shape|parameter 'up_layers.1.head.weight' has shape [5, 4, 1, 1, 1] in the checkpoint but the network "
          + "needs [4, 4, 1, 1, 1]",
      "extra-key|the checkpoint holds parameters SegResNetDS with this config does not have: [decoder.extra.weight]",
      "swin|config.network is SwinUNETR; ctpipe imports SegResNetDS (Auto3DSeg segresnet) networks only",
      "missing-label|labels.csv describes no label for output channel(s) [3]"})
  void brokenCheckpointsAreExplained(String folder, String message, @TempDir Path out) {
    ImportException e = assertThrows(ImportException.class,
        () -> Auto3dSegImporter.importModel(dir.resolve(folder), out, null));
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertTrue(e.getMessage().startsWith(dir.resolve(folder).toString()), e.getMessage());
  }

  /** The whole-body configuration (1.5 mm, 105 classes, dsdepth 4): the zoo replica's size, 87,166,697. */
  @Test
  void aWholeBodyConfigurationImportsToTheReplicasParameterCount(@TempDir Path work) throws Exception {
    String pytorchCount = ExternalTools.runPythonScript("torch", "auto3dseg_checkpoint.py", work.toString(),
        "wholebody");
    assertEquals(87_214_052L, Long.parseLong(pytorchCount.trim()), "PyTorch's count with the four heads");
    Auto3dSegImporter.Result result = Auto3dSegImporter.importModel(work.resolve("wholebody"), work, null);
    assertEquals(io.ctpipe.models.zoo.SegResNets.segResNetDs("replica", 105, new int[] {96, 96, 96}, 1)
        .parameters(), result.parameters());
    assertEquals(87_166_697L, result.parameters());
    Files.delete(result.onnx());
  }

  private static float[] floats(Path file) throws Exception {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[bytes.remaining() / 4];
    bytes.asFloatBuffer().get(out);
    return out;
  }
}
