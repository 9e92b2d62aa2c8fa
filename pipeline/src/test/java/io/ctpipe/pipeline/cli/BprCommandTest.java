package io.ctpipe.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ctpipe bpr as a user runs it: the zoo replica on a phantom series, and a segmentation card by mistake. */
class BprCommandTest {
  @TempDir
  Path dir;

  @Test
  void bprWritesBpregJsonAndSaysTheModelIsUntrained() throws Exception {
    Path zoo = dir.resolve("zoo");
    assertEquals(0, CtpipeCommandTest.run("models", "build", "--out", zoo.toString(), "--only",
        "bpr-vgg16,tissue-ct").exitCode());
    Path ct = dir.resolve("ct");
    CtpipeCommandTest.run("phantom", "--out", ct.toString(), "--dims", "64x56x24", "--spacing", "6,6,8");
    Path out = dir.resolve("out/bpr.json");
    CtpipeCommandTest.Run run = CtpipeCommandTest.run("bpr", "--model", zoo.resolve("bpr-vgg16.card.json")
        .toString(), "--input", ct.toString(), "--out", out.toString(), "--batch", "16", "--threads", "1");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("WARNING: model 'bpr-vgg16' is an untrained replica"), run.out());
    assertTrue(run.out().contains("24 slices (8.0 mm): body part "), run.out());
    JsonNode json = new ObjectMapper().readTree(out.toFile());
    assertEquals(24, json.get("unprocessed slice scores").size());
    assertEquals(8.0, json.get("z-spacing").asDouble());
    assertTrue(json.get("ctpipe").get("version").asText().startsWith("ctpipe "));

    CtpipeCommandTest.Run wrong = CtpipeCommandTest.run("bpr", "--model", zoo.resolve("tissue-ct.card.json")
        .toString(), "--input", ct.toString(), "--out", out.toString());
    assertEquals(1, wrong.exitCode());
    assertTrue(wrong.err().contains("task 'segmentation' is not body-part-regression"), wrong.err());
    assertTrue(Files.exists(out));
  }
}
