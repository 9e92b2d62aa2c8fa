package io.ctpipe.transforms.process;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctpipe.dicom.seg.SegmentationTypeChoice;
import io.ctpipe.models.card.SpeedProfile;
import io.ctpipe.models.runtime.InferenceOverrides;
import io.ctpipe.models.runtime.Precision;
import io.ctpipe.models.zoo.ModelZoo;
import io.ctpipe.transforms.fetch.FetchConfig;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The run's identity: every setting that changes a result changes the hash (pad value, spacing tolerance, labels,
 * body part regression constants, precision, profile, SEG type), the same settings give the same hash, and a bad
 * setting is refused when the configuration is resolved (at launch) with the option and model named.
 */
public class RunConfigurationTest {
  @ClassRule
  public static final TemporaryFolder FOLDER = new TemporaryFolder();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Map<String, Path> zoo;

  @BeforeClass
  public static void buildZoo() throws Exception {
    zoo = ModelZoo.write(FOLDER.newFolder("zoo").toPath(), List.of(ModelZoo.TISSUE_CT, ModelZoo.BPR_VGG16));
  }

  private static ProcessingConfig config(Path seg, Path bpr, InferenceOverrides inference, SpeedProfile profile,
      SegmentationTypeChoice type) {
    return new ProcessingConfig("/tmp/out", bpr.toString(), List.of(seg.toString()), inference, profile, type, "r",
        "2026-11-26T12:00:00", false, false, null, "test", FetchConfig.defaults(), 0, 2, Map.of(), null);
  }

  private static String hash(Path seg, Path bpr) {
    return RunConfiguration.resolve(config(seg, bpr, InferenceOverrides.cardDefaults(1), null,
        SegmentationTypeChoice.AUTO)).hash();
  }

  private interface Edit {
    void apply(ObjectNode card);
  }

  private static Path edited(String id, String name, Edit edit) throws Exception {
    ObjectNode card = (ObjectNode) JSON.readTree(zoo.get(id).toFile());
    edit.apply(card);
    Path file = zoo.get(id).resolveSibling(name + ".card.json");
    JSON.writeValue(file.toFile(), card);
    return file;
  }

  @Test
  public void everySettingThatChangesAResultChangesTheHash() throws Exception {
    Path seg = zoo.get(ModelZoo.TISSUE_CT);
    Path bpr = zoo.get(ModelZoo.BPR_VGG16);
    String base = hash(seg, bpr);
    assertEquals("the same settings, the same hash", base, hash(seg, bpr));
    Set<String> hashes = new HashSet<>(Set.of(base));
    List<String> variants = List.of(
        hash(edited(ModelZoo.TISSUE_CT, "pad", c -> c.put("padValue", -1.0)), bpr),
        hash(edited(ModelZoo.TISSUE_CT, "tolerance", c -> c.putArray("spacingTolerance").add(0.8).add(1.25)), bpr),
        hash(edited(ModelZoo.TISSUE_CT, "label", c -> ((ObjectNode) c.get("labels").get(0)).put("label", "lungs")),
            bpr),
        hash(edited(ModelZoo.TISSUE_CT, "overlap", c -> ((ObjectNode) c.get("slidingWindow")).put("overlap", 0.5)),
            bpr),
        hash(seg, edited(ModelZoo.BPR_VGG16, "slope", c -> ((ObjectNode) c.get("inferenceSettings"))
            .put("slope_mean", 0.12))),
        RunConfiguration.resolve(config(seg, bpr, new InferenceOverrides(null, Precision.BF16, 1), null,
            SegmentationTypeChoice.AUTO)).hash(),
        RunConfiguration.resolve(config(seg, bpr, InferenceOverrides.cardDefaults(1), SpeedProfile.FAST,
            SegmentationTypeChoice.AUTO)).hash(),
        RunConfiguration.resolve(config(seg, bpr, InferenceOverrides.cardDefaults(1), null,
            SegmentationTypeChoice.BINARY)).hash());
    hashes.addAll(variants);
    assertEquals(variants.toString(), 1 + variants.size(), hashes.size());
    assertEquals("threads do not change results", base, RunConfiguration.resolve(config(seg, bpr,
        InferenceOverrides.cardDefaults(4), null, SegmentationTypeChoice.AUTO)).hash());
  }

  @Test
  public void theStowStoreEntersTheHash() {
    Path seg = zoo.get(ModelZoo.TISSUE_CT);
    Path bpr = zoo.get(ModelZoo.BPR_VGG16);
    ProcessingConfig plain = config(seg, bpr, InferenceOverrides.cardDefaults(1), null, SegmentationTypeChoice.AUTO);
    ProcessingConfig stored = new ProcessingConfig(plain.output(), plain.bprModel(), plain.segModels(),
        plain.inference(), plain.profile(), plain.segType(), plain.runId(), plain.contentTime(), false, false,
        "https://healthcare.googleapis.com/v1/projects/p/locations/l/datasets/d/dicomStores/s/dicomWeb",
        plain.ctpipeVersion(), plain.fetch(), 0, 2, Map.of(), null);
    RunConfiguration withStore = RunConfiguration.resolve(stored);
    assertTrue(withStore.identity(), withStore.identity().endsWith("\nstow=https://healthcare.googleapis.com/v1/"
        + "projects/p/locations/l/datasets/d/dicomStores/s/dicomWeb"));
    assertFalse(RunConfiguration.resolve(plain).hash().equals(withStore.hash()));
  }

  @Test
  public void badSettingsAreRefusedWithTheOptionAndModelNamed() throws Exception {
    Path bpr = zoo.get(ModelZoo.BPR_VGG16);
    Path sigma = edited(ModelZoo.TISSUE_CT, "sigma", c -> ((ObjectNode) c.get("slidingWindow"))
        .put("sigmaScale", 0.0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> hash(sigma, bpr));
    assertEquals("--segModel " + sigma + ": gaussian sigma scale must be a positive fraction of the ROI, got 0.0",
        e.getMessage());
    Path overlap = edited(ModelZoo.TISSUE_CT, "overlap1", c -> ((ObjectNode) c.get("slidingWindow"))
        .put("overlap", 1.0));
    e = assertThrows(IllegalArgumentException.class, () -> hash(overlap, bpr));
    assertTrue(e.getMessage(), e.getMessage().startsWith("--segModel " + overlap + ": "));
    assertTrue(e.getMessage(), e.getMessage().contains("overlap"));
    e = assertThrows(IllegalArgumentException.class, () -> hash(Path.of("zoo:no-such-model"), bpr));
    assertEquals("--segModel zoo:no-such-model: unknown built-in model 'no-such-model'; known: " + ModelZoo.IDS,
        e.getMessage());
    Path traversal = edited(ModelZoo.TISSUE_CT, "traversal", c -> c.put("id", "../../elsewhere"));
    e = assertThrows(IllegalArgumentException.class, () -> hash(traversal, bpr));
    assertEquals("--segModel " + traversal + ": model id '../../elsewhere' is not a safe file name: use 1 to 128 "
        + "letters, digits, '.', '_' or '-', starting with a letter or digit", e.getMessage());
    Path tampered = edited(ModelZoo.BPR_VGG16, "tampered", c -> c.put("sha256", "0".repeat(64)));
    e = assertThrows(IllegalArgumentException.class, () -> hash(zoo.get(ModelZoo.TISSUE_CT), tampered));
    assertTrue(e.getMessage(), e.getMessage().startsWith("--bprModel " + tampered + ": "));
  }
}
