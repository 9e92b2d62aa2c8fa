package io.ctpipe.models.bpr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctpipe.dicom.testing.SharedData;
import io.ctpipe.dicom.volume.CtVolume;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end with the untrained replica: the JSON's structure and the QA block, not the scores. */
class BodyPartRegressionTest {
  static final List<String> BPREG_KEYS = List.of("cleaned slice scores", "z", "unprocessed slice scores",
      "body part examined", "body part examined tag", "look-up table", "reverse z-ordering", "valid z-spacing",
      "expected slope", "observed slope", "slope ratio", "expected z-spacing", "z-spacing", "settings");

  @TempDir
  Path tmp;

  @Test
  void phantomSeriesGivesBpregJsonWithCtpipeQa() throws Exception {
    CtVolume ct = BprFixtures.phantom(tmp.resolve("dicom"), new int[] {96, 80, 30}, new double[] {4, 4, 6});
    JsonNode json = run(ct, "CHEST", 30);
    assertEquals(6.0, json.get("z-spacing").asDouble());
    assertEquals(174.0, json.get("z").get(29).asDouble());
    JsonNode qa = json.get("ctpipe").get("qa");
    assertEquals("CHEST", qa.get("bodyPartExamined").get("dicom").asText());
    assertEquals(6.0, qa.get("zSpacing").get("headerMm").asDouble());
    assertTrue(qa.get("coverageMm").has("shoulder-neck"));
    JsonNode input = json.get("ctpipe").get("input");
    assertEquals(List.of(110, 91), List.of(input.get("resizedTo").get(0).asInt(), input.get("resizedTo").get(1)
        .asInt()), "96x4 mm and 80x4 mm at 3.5 mm");
    assertFalse(input.get("storedHeadToFeet").asBoolean());
  }

  @Test
  void realCtFromSharedData() throws Exception {
    Path series = SharedData.requireInShared("data/ct/totalseg-example");
    CtVolume ct = BprFixtures.read(series);
    JsonNode json = run(ct, "PARTIALBODY", 20);
    assertEquals(2.0, json.get("z-spacing").asDouble());
    JsonNode check = json.get("ctpipe").get("qa").get("bodyPartExamined");
    assertEquals("PARTIALBODY", check.get("dicom").asText());
    assertEquals("UNKNOWN", check.get("agreement").asText(), "PARTIALBODY names no body part");
    assertFalse(check.get("mismatch").asBoolean());
  }

  /** Runs the replica, writes the JSON, reads it back as strict JSON and checks what every output must have. */
  private JsonNode run(CtVolume ct, String bodyPart, int slices) throws Exception {
    BprReport report;
    try (BodyPartRegression bpr = new BodyPartRegression(BprFixtures.replica(), 8, 2)) {
      report = bpr.run(ct, bodyPart);
    }
    Path file = tmp.resolve("out/bpr.json");
    BprJson.write(report, "test", file);
    JsonNode json = new ObjectMapper().readTree(file.toFile());
    List<String> keys = new ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    assertEquals(BPREG_KEYS, keys.subList(0, 14));
    assertEquals("ctpipe", keys.get(14));
    for (String list : List.of("cleaned slice scores", "z", "unprocessed slice scores")) {
      assertEquals(slices, json.get(list).size(), list);
    }
    assertTrue(json.get("body part examined").has("shoulder-neck"));
    assertEquals(35, json.get("look-up table").size());
    assertTrue(json.get("settings").get("body part examined dict").get("legs").get(0).isNull());
    JsonNode ctpipe = json.get("ctpipe");
    assertTrue(ctpipe.get("model").get("untrained").asBoolean());
    assertTrue(ctpipe.get("warning").asText().contains("mean nothing"));
    JsonNode qa = ctpipe.get("qa");
    for (String flag : List.of("reversedSliceOrder", "zSpacing", "anomalousSlices", "bodyPartExamined",
        "coverageMm")) {
      assertTrue(qa.has(flag), flag);
    }
    assertEquals(json.get("body part examined tag").asText(), qa.get("bodyPartExamined").get("predicted").asText());
    assertEquals(json.get("reverse z-ordering").asDouble() == 1.0, qa.get("reversedSliceOrder").asBoolean());
    assertEquals(slices, ctpipe.get("input").get("slices").asInt());
    return json;
  }
}
