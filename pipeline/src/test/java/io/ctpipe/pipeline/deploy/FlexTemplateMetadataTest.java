package io.ctpipe.pipeline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctpipe.pipeline.beam.CtPipelineOptions;
import io.ctpipe.pipeline.beam.FlexTemplateMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.options.Description;
import org.junit.jupiter.api.Test;

/**
 * runners/dataflow/metadata.json is what the options interface generates, and it declares every option; the launcher
 * image is a pinned Java 17 launcher.
 */
class FlexTemplateMetadataTest {
  private static final Path COMMITTED = Path.of("../runners/dataflow/metadata.json");

  @Test
  void theCommittedMetadataIsGeneratedFromTheOptions() throws Exception {
    assertEquals(FlexTemplateMetadata.generate(), Files.readString(COMMITTED), "runners/dataflow/metadata.json is "
        + "stale: regenerate it with FlexTemplateMetadata (see its Javadoc)");
  }

  @Test
  void everyOptionIsDeclaredWithItsValidation() throws Exception {
    JsonNode metadata = new ObjectMapper().readTree(COMMITTED.toFile());
    Set<String> declared = new TreeSet<>();
    metadata.get("parameters").forEach(p -> declared.add(p.get("name").asText()));
    Set<String> options = new TreeSet<>();
    Arrays.stream(CtPipelineOptions.class.getDeclaredMethods()).filter(m -> m.getName().startsWith("get")
        && m.getAnnotation(Description.class) != null).forEach(m -> options.add(Character.toLowerCase(
            m.getName().charAt(3)) + m.getName().substring(4)));
    assertEquals(options, declared);
    JsonNode byName = new ObjectMapper().createObjectNode();
    for (JsonNode p : metadata.get("parameters")) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) byName).set(p.get("name").asText(), p);
    }
    assertEquals(false, byName.get("output").get("isOptional").asBoolean());
    assertEquals(true, byName.get("manifest").get("isOptional").asBoolean(), "or --collections, or --idcQuery");
    assertEquals("^(true|false)$", byName.get("skipExisting").get("regexes").get(0).asText());
    assertEquals("^(fast|balanced|accurate)$", byName.get("profile").get("regexes").get(0).asText());
    assertTrue(byName.get("bprModel").get("helpText").asText().endsWith("(default: none)"));
    assertEquals("^(auto|[0-9]+[kKmMgGtT]?)$", byName.get("maxSeriesMemory").get("regexes").get(0).asText());
  }

  @Test
  void theLauncherImageIsAPinnedJava17Launcher() throws Exception {
    String from = Files.readAllLines(Path.of("../runners/dataflow/Dockerfile")).stream()
        .filter(l -> l.startsWith("FROM ")).findFirst().orElseThrow();
    assertTrue(from.matches("FROM gcr\\.io/dataflow-templates-base/java17-template-launcher-base:[0-9]{8}_RC[0-9]{2}"),
        from + ": pin a dated tag of Google's Java 17 launcher, not latest");
  }
}
