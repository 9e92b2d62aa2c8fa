package io.ctpipe.transforms.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctpipe.models.imports.Auto3dSegImporter;
import io.ctpipe.models.imports.BpregImporter;
import io.ctpipe.models.zoo.ModelZoo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Turns a model reference into a local card file, once per JVM: "zoo:ID" builds the built-in model (seeded, so
 * every worker builds the same bytes), "auto3dseg:PATH_OR_URI" imports a 3D Slicer MONAIAuto3DSeg model (release
 * zip, folder, or model.pt with labels.csv beside it), "bpreg:PATH_OR_URI" bpreg's public model (zip or folder of
 * model.pt, config.json, inference-settings.json), a local path is used as it is, and a FileSystems URI
 * (gs://...) is copied with the files its card names ("file", and "labels" or "inferenceSettings" when they are file
 * names, and a quantised card's "fp32Source").
 */
public final class ModelLocations {
  private static final String AUTO3DSEG = "auto3dseg:";
  private static final String BPREG = "bpreg:";
  private static final Map<String, Path> LOCAL = new ConcurrentHashMap<>();
  private static final String FP32_SOURCE = "fp32-source";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ModelLocations() {}

  public static Path localCard(String reference) throws IOException {
    Path cached = LOCAL.get(reference);
    if (cached != null) {
      return cached;
    }
    synchronized (ModelLocations.class) {
      cached = LOCAL.get(reference);
      if (cached == null) {
        cached = resolve(reference);
        LOCAL.put(reference, cached);
      }
      return cached;
    }
  }

  private static Path resolve(String reference) throws IOException {
    if (reference.startsWith("zoo:")) {
      String id = reference.substring(4);
      if (!ModelZoo.IDS.contains(id)) {
        throw new IOException("unknown built-in model '" + id + "'; known: " + ModelZoo.IDS);
      }
      return ModelZoo.write(Files.createTempDirectory("ctpipe-zoo"), List.of(id)).get(id);
    }
    if (reference.startsWith(AUTO3DSEG)) {
      Path model = localModelFiles(reference.substring(AUTO3DSEG.length()), List.of("model.pt", "labels.csv"));
      return Auto3dSegImporter.importModel(model, Files.createTempDirectory("ctpipe-import"), null).card();
    }
    if (reference.startsWith(BPREG)) {
      Path model = localModelFiles(reference.substring(BPREG.length()), List.of("model.pt", "config.json",
          "inference-settings.json"));
      return BpregImporter.importModel(model, Files.createTempDirectory("ctpipe-import"), null).card();
    }
    if (isLocal(reference)) {
      return Path.of(reference.replaceFirst("^file://", ""));
    }
    return copyCard(FileSystems.matchNewResource(reference, false), Files.createTempDirectory("ctpipe-model"));
  }

  /**
   * Copies a card and the files it names into {@code folder}. A quantised card's fp32 source (a path relative to the
   * card, often in another folder) goes to {@value #FP32_SOURCE}/ and the copied card names it there.
   */
  static Path copyCard(ResourceId card, Path folder) throws IOException {
    Path local = copy(card, folder);
    ObjectNode json = (ObjectNode) MAPPER.readTree(local.toFile());
    for (String field : List.of("file", "labels", "inferenceSettings")) {
      JsonNode name = json.get(field);
      if (name != null && name.isTextual()) {
        copy(card.getCurrentDirectory().resolve(name.asText(), StandardResolveOptions.RESOLVE_FILE), folder);
      }
    }
    JsonNode source = json.path("fp32Source").get("file");
    if (source != null && source.isTextual()) {
      URI location = URI.create(card.getCurrentDirectory().toString()).resolve(source.asText()).normalize();
      Path copied = copy(FileSystems.matchNewResource(location.toString(), false),
          Files.createDirectories(folder.resolve(FP32_SOURCE)));
      ((ObjectNode) json.get("fp32Source")).put("file", FP32_SOURCE + "/" + copied.getFileName());
      MAPPER.writeValue(local.toFile(), json);
    }
    return local;
  }

  private static boolean isLocal(String reference) {
    return !reference.contains("://") || reference.startsWith("file://");
  }

  /**
   * A published model's files on the local disk: a local path as it is; a remote zip copied; a remote model.pt or
   * folder (ending in /) as the named files of its folder.
   */
  private static Path localModelFiles(String location, List<String> names) throws IOException {
    if (isLocal(location)) {
      return Path.of(location.replaceFirst("^file://", ""));
    }
    Path folder = Files.createTempDirectory("ctpipe-model");
    if (location.endsWith(".zip")) {
      return copy(FileSystems.matchNewResource(location, false), folder);
    }
    ResourceId directory = location.endsWith("/") ? FileSystems.matchNewResource(location, true)
        : FileSystems.matchNewResource(location, false).getCurrentDirectory();
    for (String name : names) {
      copy(directory.resolve(name, StandardResolveOptions.RESOLVE_FILE), folder);
    }
    return folder;
  }

  private static Path copy(ResourceId source, Path folder) throws IOException {
    Path target = folder.resolve(source.getFilename());
    try (InputStream in = Channels.newInputStream(FileSystems.open(source))) {
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }
}
