package io.ctpipe.models.bpr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctpipe.models.card.ModelCardException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BprCardsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir
  Path tmp;

  @Test
  void zooReplicaCardReads() throws Exception {
    BprCard card = BprFixtures.replica();
    assertEquals("bpr-vgg16", card.id());
    assertTrue(card.untrained());
    assertEquals(16, card.batch());
    assertEquals("score", card.outputName());
    BprSettings s = card.settings();
    assertEquals(0, s.transformMin());
    assertEquals(100, s.transformMax());
    assertEquals(0, s.backgroundScores().length);
    assertEquals(35, s.lookupTable().size());
    assertEquals(56.856, s.landmark("Th8"));
  }

  /** bpreg's own inference-settings.json, referenced by file name, with only the raw table: transformed here. */
  @Test
  void bpregSettingsFileWithOnlyTheOriginalTable() throws Exception {
    ObjectNode settings = MAPPER.createObjectNode().put("slope_mean", 0.12)
        .put("lower_quantile_tangential_slope", -0.04).put("upper_quantile_tangential_slope", 0.3);
    ObjectNode original = settings.putObject("lookuptable_train_val").putObject("original");
    Map<String, BprLandmark> published = BpregLookupTable.load();
    published.forEach((name, l) -> original.putObject(name).put("mean", 5 + 2 * l.mean()).put("std", 2 * l.std()));
    MAPPER.writeValue(tmp.resolve("inference-settings.json").toFile(), settings);
    BprCard card = write(c -> {
      c.put("inferenceSettings", "inference-settings.json");
      c.remove("backgroundScores");
    });
    BprSettings s = card.settings();
    assertEquals(5, s.transformMin(), 1e-9);
    assertEquals(205, s.transformMax(), 1e-9);
    published.forEach((name, l) -> {
      assertEquals(l.mean(), s.lookupTable().get(name).mean(), 1e-9, name);
      assertEquals(l.std(), s.lookupTable().get(name).std(), 1e-9, name);
    });
    assertArrayEquals(BprSettings.BPREG_BACKGROUND_SCORES, s.backgroundScores());
    assertEquals(0.28, s.rSlopeThreshold());
    assertEquals(50.0, s.transform(105), 1e-9);
  }

  @Test
  void badCardsNameTheProblem() throws Exception {
    expect("is not body-part-regression", c -> c.put("task", "segmentation"));
    expect("missing required field 'inferenceSettings'", c -> c.remove("inferenceSettings"));
    expect("missing required field 'file'", c -> c.remove("file"));
    expect("'batch' must be at least 1", c -> c.put("batch", 0));
    expect("missing.json does not exist", c -> c.put("inferenceSettings", "missing.json"));
    expect("look-up table has no landmark 'Th8'", c -> table(c, "transformed").remove("Th8"));
    expect("look-up table has no landmark 'eyes_end'", c -> table(c, "original").remove("eyes_end"));
    expect("slope_mean must be positive", c -> ((ObjectNode) c.get("inferenceSettings")).put("slope_mean", 0));
    expect("upper_quantile_tangential_slope must exceed", c -> ((ObjectNode) c.get("inferenceSettings"))
        .put("upper_quantile_tangential_slope", -1));
    expect("'backgroundScores' must be an array", c -> c.put("backgroundScores", "none"));
    expect("landmark 'C1' has no numeric 'mean'", c -> ((ObjectNode) table(c, "original").get("C1"))
        .put("mean", "x"));
    ModelCardException e = assertThrows(ModelCardException.class, () -> BprCards.read(tmp.resolve("no.json")));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }

  private static ObjectNode table(ObjectNode card, String which) {
    return (ObjectNode) card.get("inferenceSettings").get("lookuptable_train_val").get(which);
  }

  private void expect(String message, Consumer<ObjectNode> change) throws Exception {
    ModelCardException e = assertThrows(ModelCardException.class, () -> write(change));
    assertTrue(e.getMessage().contains(message), "expected '" + message + "' in: " + e.getMessage());
  }

  private BprCard write(Consumer<ObjectNode> change) throws Exception {
    ObjectNode card = (ObjectNode) MAPPER.readTree(Files.readString(BprFixtures.replicaCardFile()));
    change.accept(card);
    Path file = tmp.resolve("card.json");
    MAPPER.writeValue(file.toFile(), card);
    return BprCards.read(file);
  }
}
