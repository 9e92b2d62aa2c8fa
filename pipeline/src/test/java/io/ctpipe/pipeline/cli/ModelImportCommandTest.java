package io.ctpipe.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctpipe.dicom.testing.Dciodvfy;
import io.ctpipe.dicom.testing.ExternalTools;
import io.ctpipe.models.card.ModelCards;
import io.ctpipe.models.zoo.ModelZoo;
import io.ctpipe.transforms.process.ModelLocations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code models import auto3dseg} as a user runs it on a Slicer-style release zip (a small SegResNetDS with random
 * weights written by python3-torch), then {@code segment} with the imported card: labels.csv's names and codes land
 * in a SEG that dciodvfy accepts. The pipeline's {@code auto3dseg:} reference imports once per JVM. An nnU-Net v2
 * zip imports the same way and its card segments.
 */
class ModelImportCommandTest {
  @TempDir
  static Path dir;

  @BeforeAll
  static void writeCheckpoints() throws Exception {
    ExternalTools.runPythonScript("torch", "auto3dseg_checkpoint.py", dir.toString(), "tiny");
    ExternalTools.runPythonScript("torch", "bpreg_checkpoint.py", dir.toString());
    ExternalTools.runPythonScript("torch", "nnunet_checkpoint.py", dir.resolve("nnunet").toString());
    Path zoo = ModelZoo.write(dir.resolve("zoo"), List.of(ModelZoo.BPR_VGG16)).get(ModelZoo.BPR_VGG16);
    Files.writeString(dir.resolve("bpr_model/inference-settings.json"),
        new ObjectMapper().readTree(zoo.toFile()).get("inferenceSettings").toString());
  }

  /** bpreg's model folder (random weights written by python3-torch) imported, then run by {@code ctpipe bpr}. */
  @Test
  void importedBpregModelRunsInCtpipeBpr() throws Exception {
    Path imported = dir.resolve("bpr-imported");
    CtpipeCommandTest.Run run = CtpipeCommandTest.run("models", "import", "bpreg", dir.resolve("bpr_model").toString(),
        "--out", imported.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("imported 14,976,641 parameters: "), run.out());
    Path ct = dir.resolve("ct-bpr");
    CtpipeCommandTest.run("phantom", "--out", ct.toString(), "--dims", "48x40x12", "--spacing", "8,8,10");
    Path out = dir.resolve("bpr/bpr.json");
    CtpipeCommandTest.Run bpr = CtpipeCommandTest.run("bpr", "--model", imported.resolve("bpreg-bpr_model.card.json")
        .toString(), "--input", ct.toString(), "--out", out.toString(), "--threads", "1");
    assertEquals(0, bpr.exitCode(), bpr.err());
    assertTrue(!bpr.out().contains("untrained"), "an imported model is not called untrained: " + bpr.out());
    assertEquals(12, new ObjectMapper().readTree(out.toFile()).get("unprocessed slice scores").size());
    assertEquals("bpreg-bpr_model", io.ctpipe.models.bpr.BprCards.read(ModelLocations.localCard("bpreg:"
        + dir.resolve("bpr_model")))
        .id());
  }

  @Test
  void importedModelSegmentsIntoASegWithLabelsCsvCodes() throws Exception {
    Path imported = dir.resolve("imported");
    CtpipeCommandTest.Run run = CtpipeCommandTest.run("models", "import", "auto3dseg",
        dir.resolve("tiny-release.zip").toString(), "--out", imported.toString());
    assertEquals(0, run.exitCode(), run.err());
    Path card = imported.resolve("auto3dseg-tiny-release.card.json");
    assertTrue(run.out().startsWith("imported ") && run.out().contains("4 output channels: " + card), run.out());

    Path seg = segment(card, "out");
    JsonNode info = new ObjectMapper().readTree(CtpipeCommandTest.run("seg-info", "--json", seg.toString()).out());
    for (JsonNode segment2 : info.get("segments")) {
      String expectedCode = switch (segment2.get("label").asText()) {
        case "Liver" -> "10200004";
        case "Left kidney" -> "64033007";
        case "Spleen, accessory" -> "78961009";
        default -> throw new AssertionError("unexpected segment " + segment2);
      };
      assertEquals(expectedCode, segment2.get("type").get("code").asText());
      assertEquals("123037004", segment2.get("category").get("code").asText());
    }
  }

  /** An nnU-Net v2 release zip (TotalSegmentator's layout, random weights) imported, then run by segment. */
  @Test
  void importedNnUnetModelSegmentsIntoAValidSeg() throws Exception {
    Path imported = dir.resolve("nnunet-imported");
    CtpipeCommandTest.Run run = CtpipeCommandTest.run("models", "import", "nnunet",
        dir.resolve("nnunet/Dataset999_tiny.zip").toString(), "--out", imported.toString(), "--fold", "0",
        "--checkpoint", "checkpoint_final.pth");
    assertEquals(0, run.exitCode(), run.err());
    Path card = imported.resolve("nnunet-Dataset999_tiny.card.json");
    assertTrue(run.out().startsWith("imported ") && run.out().contains("5 output channels: " + card), run.out());
    segment(card, "nnunet-out");
  }

  @Test
  void anUnsupportedNnUnetNetworkIsExplained() {
    CtpipeCommandTest.Run run = CtpipeCommandTest.run("models", "import", "nnunet",
        dir.resolve("nnunet/residual").toString(), "--out", dir.resolve("x").toString());
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("network_class_name is dynamic_network_architectures.architectures.residual_unet"
        + ".ResidualEncoderUNet; ctpipe imports dynamic_network_architectures.architectures.unet.PlainConvUNet only"),
        run.err());
  }

  /** Segments a phantom CT with the card; returns the SEG, which dciodvfy accepts. */
  private static Path segment(Path card, String outName) throws Exception {
    Path ct = dir.resolve("ct");
    if (!Files.isDirectory(ct)) {
      CtpipeCommandTest.run("phantom", "--out", ct.toString(), "--dims", "40x36x24", "--spacing", "3,3,3");
    }
    Path out = dir.resolve(outName);
    CtpipeCommandTest.Run segment = CtpipeCommandTest.run("segment", "--model", card.toString(), "--input",
        ct.toString(), "--out", out.toString());
    assertEquals(0, segment.exitCode(), segment.err());
    Path seg;
    try (Stream<Path> files = Files.list(out)) {
      seg = files.filter(p -> p.toString().endsWith(".seg.dcm")).findFirst().orElseThrow();
    }
    Dciodvfy.assertValid(seg);
    return seg;
  }

  @Test
  void thePipelineReferenceImportsOncePerJvm() throws Exception {
    String reference = "auto3dseg:" + dir.resolve("tiny-release.zip");
    Path card = ModelLocations.localCard(reference);
    assertEquals("auto3dseg-tiny-release", ModelCards.read(card).id());
    assertSame(card, ModelLocations.localCard(reference), "cached");
  }

  @Test
  void anUnsupportedNetworkIsExplained() {
    CtpipeCommandTest.Run run = CtpipeCommandTest.run("models", "import", "auto3dseg", dir.resolve("swin").toString(),
        "--out", dir.resolve("x").toString());
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("config.network is SwinUNETR; ctpipe imports SegResNetDS"), run.err());
  }
}
