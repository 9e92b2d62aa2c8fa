package io.ctpipe.transforms.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctpipe.models.card.ModelCard;
import io.ctpipe.models.card.ModelCards;
import io.ctpipe.models.zoo.ModelZoo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A card read through a Beam filesystem arrives with every file it names, its fp32 source included. */
class ModelLocationsTest {
  @TempDir
  Path dir;

  @Test
  void aQuantisedCardArrivesWithItsFp32SourceFromAnotherFolder() throws Exception {
    FileSystems.setDefaultPipelineOptions(PipelineOptionsFactory.create());
    Path fp32Card = ModelZoo.write(Files.createDirectories(dir.resolve("models/fp32")), List.of(ModelZoo.TISSUE_CT))
        .get(ModelZoo.TISSUE_CT);
    ModelCard fp32 = ModelCards.read(fp32Card);
    Path int8Folder = Files.createDirectories(dir.resolve("models/int8"));
    Files.copy(fp32.file(), int8Folder.resolve("tissue-ct-int8.onnx"));
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode card = (ObjectNode) mapper.readTree(fp32Card.toFile());
    card.put("file", "tissue-ct-int8.onnx");
    card.putObject("fp32Source").put("file", "../fp32/" + fp32.file().getFileName())
        .put("sha256", ModelCards.verifiedSha256(fp32));
    Path int8Card = int8Folder.resolve("tissue-ct-int8.card.json");
    mapper.writeValue(int8Card.toFile(), card);

    Path copied = ModelLocations.copyCard(FileSystems.matchNewResource(int8Card.toString(), false),
        Files.createDirectories(dir.resolve("worker")));

    ModelCard arrived = ModelCards.read(copied);
    assertEquals(dir.resolve("worker/fp32-source").resolve(fp32.file().getFileName()), arrived.fp32Source().file());
    assertEquals(fp32.sha256(), arrived.fp32Source().sha256());
    assertEquals(fp32.sha256(), ModelCards.verifiedSha256(arrived), "model and source are checked on the worker");
    assertTrue(Files.isRegularFile(dir.resolve("worker/tissue-ct-int8.onnx")));
  }
}
