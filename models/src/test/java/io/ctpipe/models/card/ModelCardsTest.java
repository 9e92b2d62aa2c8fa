package io.ctpipe.models.card;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctpipe.dicom.testing.SharedData;
import io.ctpipe.models.tiling.BlendMode;
import io.ctpipe.models.zoo.ModelZoo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cards from the zoo and from shared/models read correctly; each kind of bad card fails naming its problem. */
class ModelCardsTest {
  @TempDir
  Path dir;

  private Path tissueCard() throws Exception {
    return ModelZoo.write(dir, List.of(ModelZoo.TISSUE_CT)).get(ModelZoo.TISSUE_CT);
  }

  @Test
  void zooCardReadsBack() throws Exception {
    ModelCard card = ModelCards.read(tissueCard());
    assertEquals("tissue-ct", card.id());
    assertEquals(5, card.outChannels());
    assertEquals(4, card.labels().size());
    assertEquals("lung", card.labels().get(0).label());
    assertArrayEquals(new int[] {64, 64, 64}, card.roiSize());
    assertEquals(BlendMode.GAUSSIAN, card.mode());
    assertEquals(-1.024f, card.padValue());
    assertEquals(-1.0f, card.intensity().apply(-1000f), 1e-6);
    assertEquals(2.048f, card.intensity().apply(5000f), 1e-6, "clipped");
    assertEquals(card.sha256(), ModelCards.verifiedSha256(card));
  }

  @Test
  void sharedCt117CardIsSupported() throws Exception {
    Path cardFile = SharedData.requireInShared("models/ct-small-117/card.json");
    ModelCard card = ModelCards.read(cardFile);
    assertEquals("ct-small-117", card.id());
    assertEquals(118, card.outChannels());
    assertEquals(117, card.labels().size());
    assertEquals("spleen", card.labels().get(0).label());
    assertEquals("78961009", card.labels().get(0).type().code());
    assertEquals("RAS", card.orientation());
    assertEquals(0.5, card.overlap());
    assertEquals(-1f, card.padValue());
    assertEquals(0.5f, card.intensity().apply(500f), 1e-6);
    assertEquals("3f303f24048338f385a25437ce3a7c1bf14a6612ec883f2a44072da7fc102275", ModelCards.verifiedSha256(card));
  }

  @Test
  void badCardsAreExplained() throws Exception {
    Path good = tissueCard();
    assertBad(good, c -> c.remove("roiSize"), "'roiSize' must be 3 positive numbers");
    assertBad(good, c -> c.putArray("roiSize").add(64).add(64).add(0), "'roiSize' must be 3 positive numbers");
    assertBad(good, c -> c.remove("id"), "missing required field 'id'");
    assertBad(good, c -> c.put("sha256", "00"), "but card 'tissue-ct' says 00");
    assertBad(good, c -> c.put("file", "missing.onnx"), "missing.onnx named by card 'tissue-ct' does not exist");
    assertBad(good, c -> c.put("outChannels", 7), "4 labels for 7 output channels; expected 6");
    assertBad(good, c -> c.put("inChannels", 3), "'inChannels' is 3; ctpipe feeds single-channel CT");
    assertBad(good, c -> c.put("orientation", "PIR"), "orientation 'PIR' is not LPS or RAS");
    assertBad(good, c -> c.putObject("intensityTransform").put("type", "zscore"),
        "intensityTransform type 'zscore' is not clip-scale, range or mean-std");
    assertBad(good, c -> c.put("task", "body-part-regression"), "is not a segmentation task");
    assertBad(good, c -> c.put("profile", "turbo"), "profile 'turbo' is not fast, balanced or accurate");
    assertBad(good, c -> c.putObject("fp32Source").put("file", "tissue-ct.onnx"),
        "fp32Source: missing required field 'sha256'");
    assertBad(good, c -> c.putObject("fp32Source").put("file", "tissue-ct.onnx").put("sha256", "abc"),
        "fp32Source sha256 'abc' is not 64 hex digits");
    assertBad(good, c -> c.putObject("fp32Source").put("file", "gone.onnx").put("sha256", "0".repeat(64)),
        "gone.onnx named by card 'tissue-ct' as its fp32Source does not exist");
    assertBad(good, c -> c.putObject("fp32Source").put("file", c.get("file").asText()).put("sha256", "0".repeat(64)),
        "but card 'tissue-ct' as its fp32Source says " + "0".repeat(64));
    Files.writeString(dir.resolve("broken.json"), "{ not json");
    ModelCardException e = assertThrows(ModelCardException.class, () -> ModelCards.read(dir.resolve("broken.json")));
    assertTrue(e.getMessage().contains("is not valid JSON"), e.getMessage());
    e = assertThrows(ModelCardException.class, () -> ModelCards.read(dir.resolve("nope.json")));
    assertTrue(e.getMessage().endsWith("nope.json does not exist"), e.getMessage());
  }

  @Test
  void anFp32SourceIsReadAndEntersTheSettings() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    Path good = tissueCard();
    ObjectNode node = (ObjectNode) mapper.readTree(good.toFile());
    String sha256 = ModelCards.verifiedSha256(ModelCards.read(good));
    node.putObject("fp32Source").put("file", node.get("file").asText()).put("sha256", sha256);
    Path withSource = dir.resolve("with-source.card.json");
    mapper.writeValue(withSource.toFile(), node);
    ModelCard card = ModelCards.read(withSource);
    assertEquals(ModelCards.read(good).file(), card.fp32Source().file());
    assertEquals(sha256, ModelCards.verifiedSha256(card));
    assertEquals(card.file(), card.network(sha256).fp32().file());
    assertTrue(card.describeSettings().contains("fp32Source=" + sha256), card.describeSettings());
    assertEquals(null, ModelCards.read(good).network(sha256).fp32Source(), "no source: the network runs itself");
  }

  private void assertBad(Path good, Consumer<ObjectNode> change, String expected) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode node = (ObjectNode) mapper.readTree(good.toFile());
    change.accept(node);
    Path bad = dir.resolve("bad.card.json");
    mapper.writeValue(bad.toFile(), node);
    ModelCardException e = assertThrows(ModelCardException.class, () -> ModelCards.verifiedSha256(
        ModelCards.read(bad)));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
