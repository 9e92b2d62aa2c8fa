package io.ctpipe.pipeline.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctpipe.dicom.testing.ExternalTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** terraform/*.tf as JSON, parsed by @cdktf/hcl2json (installed by .ci/run): file name → its blocks. */
final class TerraformJson {
  static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  private TerraformJson() {}

  static JsonNode parse() throws Exception {
    String node = ExternalTools.require("/usr/bin/node");
    String modules = ExternalTools.requireFile(REPO.resolve(".ci/hcl2json/node_modules/@cdktf/hcl2json/package.json")
        .toString());
    List<String> command = new ArrayList<>(List.of(node, ExternalTools.script("hcl2json.js").toString(),
        Path.of(modules).getParent().getParent().getParent().toString()));
    try (Stream<Path> files = Files.list(REPO.resolve("terraform"))) {
      files.filter(p -> p.toString().endsWith(".tf")).sorted().forEach(p -> command.add(p.toString()));
    }
    ExternalTools.Output out = ExternalTools.run(command);
    assertEquals(0, out.exitCode(), out.stderr());
    return new ObjectMapper().readTree(out.stdout());
  }
}
