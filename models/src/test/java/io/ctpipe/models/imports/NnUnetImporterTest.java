package io.ctpipe.models.imports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctpipe.dicom.testing.ExternalTools;
import io.ctpipe.models.card.IntensityTransform;
import io.ctpipe.models.card.ModelCard;
import io.ctpipe.models.card.ModelCards;
import io.ctpipe.models.runtime.Precision;
import io.ctpipe.models.runtime.onednn.CpuFeatures;
import io.ctpipe.models.runtime.onednn.OneDnnNetworks;
import io.ctpipe.models.runtime.onednn.OneDnnPredictor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * nnU-Net v2 model folders written by python3-torch in nnU-Net's layout (a small PlainConvUNet with random weights
 * under nnU-Net's parameter names, TotalSegmentator-shaped plans.json and dataset.json): the imported graph gives
 * PyTorch's logits on the oneDNN engine (in ctpipe's axis order), the card carries the plans, and tampered files
 * fail naming what is wrong.
 */
class NnUnetImporterTest {
  private static final String TRAINER = "nnUNetTrainerNoMirroring__nnUNetPlans__3d_fullres";
  /** The fixture's patch in network axis order (SimpleITK's z, y, x). */
  private static final int[] PATCH = {16, 24, 32};
  private static final int CLASSES = 5;

  @TempDir
  static Path dir;

  @BeforeAll
  static void writeModels() throws Exception {
    ExternalTools.runPythonScript("torch", "nnunet_checkpoint.py", dir.toString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({TRAINER, "Dataset999_tiny.zip", "old-plans"})
  void importedLogitsEqualPytorchsOnOneDnn(String source, @TempDir Path out) throws Exception {
    NnUnetImporter.Result result = NnUnetImporter.importModel(dir.resolve(source), out, 0, "checkpoint_final.pth",
        "RAS", "tiny");
    assertEquals(CLASSES, result.outChannels());
    int[] axes = NnUnetImporter.graphAxes(new int[] {0, 1, 2});
    float[] input = toCardOrder(floats(dir.resolve("input.raw")), 1, axes);
    float[] expected = toCardOrder(floats(dir.resolve("logits.raw")), CLASSES, axes);
    byte[] onnx = Files.readAllBytes(result.onnx());
    int[] roi = {32, 24, 16};
    float[] logits = new float[expected.length];
    try (OneDnnPredictor p = new OneDnnPredictor(OneDnnNetworks.acquire(() -> onnx, ModelCards.sha256(onnx), null,
        null, roi, Precision.FP32, CpuFeatures.detected()), roi, null)) {
      p.inputBuffer(1).put(0, input);
      FloatBuffer y = p.predict(1);
      y.get(logits);
    }
    double maxDiff = 0;
    double maxAbs = 0;
    for (int i = 0; i < expected.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(logits[i] - expected[i]));
      maxAbs = Math.max(maxAbs, Math.abs(expected[i]));
    }
    System.out.printf("nnU-Net import %s, oneDNN fp32: max |ctpipe − PyTorch| / max |PyTorch| = %.2e%n", source,
        maxDiff / maxAbs);
    assertTrue(maxAbs > 0.1, "the reference logits are not all near zero");
    assertTrue(maxDiff / maxAbs < 1e-4, "max |ctpipe − PyTorch| / max |PyTorch| = " + maxDiff / maxAbs);
  }

  @Test
  void theCardCarriesThePlansAndDatasetLabels(@TempDir Path out) throws Exception {
    NnUnetImporter.Result result = NnUnetImporter.importModel(dir.resolve("Dataset999_tiny.zip"), out, 0,
        "checkpoint_final.pth", "RAS", null);
    assertEquals(out.resolve("nnunet-Dataset999_tiny.card.json"), result.card());
    ModelCard card = ModelCards.read(result.card());
    assertEquals(false, card.untrained());
    assertArrayEquals(new double[] {1.5, 1.5, 3.0}, card.spacing(), "plans spacing (z, y, x) as card axes i, j, k");
    assertArrayEquals(new int[] {32, 24, 16}, card.roiSize());
    assertEquals("RAS", card.orientation());
    assertEquals(0.5, card.overlap());
    assertEquals(null, card.spacingTolerance());
    assertEquals(new IntensityTransform.ClipScale(-983, 1514, 1 / 185.25, -102.5 / 185.25), card.intensity());
    assertEquals((1514 - 102.5) / 185.25, card.intensity().apply(3000), 1e-5);
    assertEquals(4, card.labels().size());
    assertEquals(1, card.labels().get(0).labelValue());
    assertEquals("78961009", card.labels().get(0).type().code(), "spleen described by the whole-body table");
    assertEquals(4, card.labels().get(3).labelValue());
    JsonNode json = new ObjectMapper().readTree(result.card().toFile());
    JsonNode nnunet = json.get("nnunet");
    assertEquals("[16,24,32]", nnunet.get("patchSize").toString());
    assertEquals("[0,1,2]", nnunet.get("mirroringAxes").toString());
    assertEquals("[2,1,0]", nnunet.get("mirroringCardAxes").toString());
    assertEquals("nnUNetTrainerNoMirroring", json.at("/importedFrom/trainer").asText());
    assertEquals(result.parameters(), json.get("parameters").asLong());
  }

  @Test
  void aTransposedModelMapsItsAxesOntoTheCards() {
    assertArrayEquals(new int[] {2, 1, 0}, NnUnetImporter.graphAxes(new int[] {0, 1, 2}));
    assertArrayEquals(new int[] {0, 2, 1}, NnUnetImporter.graphAxes(new int[] {2, 0, 1}));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "missing-weight|the checkpoint has no parameter 'decoder.stages.1.convs.1.conv.weight' (shape [4, 4, 1, 3, 3]) "
          + "that the network needs",
      "wrong-shape|parameter 'decoder.seg_layers.1.weight' has shape [6, 4, 1, 1, 1] in the checkpoint but the "
          + "network needs [5, 4, 1, 1, 1]",
      "extra-weight|the checkpoint holds parameters PlainConvUNet with these plans does not have: "
          + "[decoder.extra.weight]",
      "residual|plans.json.configurations.3d_fullres.architecture.network_class_name is "
          + "dynamic_network_architectures.architectures.residual_unet.ResidualEncoderUNet; ctpipe imports "
          + "dynamic_network_architectures.architectures.unet.PlainConvUNet only",
      "no-3d-fullres|plans.json.configurations has no '3d_fullres'",
      "zscore|plans.json normalises with ZScoreNormalization; ctpipe imports CTNormalization",
      "no-network-weights|fold_0/checkpoint_final.pth has no 'network_weights' (keys: [",
      "bad-mirroring|inference_allowed_mirroring_axes [0, 3] must name axes 0 to 2"})
  void tamperedModelsAreRefusedWithReasons(String folder, String message, @TempDir Path out) {
    ImportException e = assertThrows(ImportException.class, () -> NnUnetImporter.importModel(dir.resolve(folder),
        out, 0, "checkpoint_final.pth", "RAS", null));
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertTrue(e.getMessage().startsWith(dir.resolve(folder).toString()), e.getMessage());
  }

  /** The good model with one JSON field of plans.json or dataset.json replaced (REMOVE: removed). */
  @ParameterizedTest(name = "{0} {2}")
  @CsvSource(delimiter = '|', value = {
      "plans.json|/configurations/3d_fullres/architecture/arch_kwargs|norm_op_kwargs|{\"eps\": 1e-5, \"affine\": false}"
          + "|arch_kwargs.norm_op_kwargs.affine is false; ctpipe imports affine instance norms only",
      "plans.json|/configurations/3d_fullres/architecture/arch_kwargs|dropout_op|\"torch.nn.Dropout3d\""
          + "|dropout_op or nonlin_first is set",
      "plans.json|/configurations/3d_fullres/architecture/arch_kwargs|nonlin|\"torch.nn.ReLU\""
          + "|arch_kwargs.nonlin is torch.nn.ReLU; ctpipe imports torch.nn.LeakyReLU only",
      "plans.json|/configurations/3d_fullres/architecture/arch_kwargs|kernel_sizes|[[1,3,3],[3,4,3],[3,3,3]]"
          + "|PlainConvUNet stage 1 has an even kernel size [3, 4, 3]",
      "plans.json|/configurations/3d_fullres/architecture/arch_kwargs|n_conv_per_stage_decoder|[1]"
          + "|arch_kwargs.n_conv_per_stage_decoder must be a list of 2, not [1]",
      "plans.json|/configurations/3d_fullres|patch_size|[16, 24, 30]|patch size [16, 24, 30] must be positive "
          + "multiples of the strides' products [2, 4, 4]",
      "plans.json|/configurations/3d_fullres|spacing|[3.0, 0, 1.5]|plans.json 3d_fullres.spacing must be positive",
      "plans.json|/configurations/3d_fullres|architecture|REMOVE|plans.json.configurations.3d_fullres has neither "
          + "'architecture' (nnU-Net >= 2.4) nor 'UNet_class_name' (older plans)",
      "plans.json||transpose_forward|[0, 1, 1]|plans.json.transpose_forward [0, 1, 1] is not a permutation of 0, 1, 2",
      "plans.json|/foreground_intensity_properties_per_channel/0|std|0|plans.json foreground std must be positive",
      "plans.json|/foreground_intensity_properties_per_channel/0|percentile_99_5|-2000"
          + "|plans.json foreground percentiles [-983.0, -2000.0] must not fall",
      "dataset.json||channel_names|{\"0\": \"CT\", \"1\": \"PET\"}"
          + "|dataset.json.channel_names lists 2 channels; ctpipe imports single-channel CT models",
      "dataset.json||regions_class_order|[1, 2]|dataset.json defines regions (regions_class_order)",
      "dataset.json|/labels|liver|7|dataset.json.labels.liver is 7; labels must be the values 0 to 4, each once",
      "dataset.json||labels|{\"background\": 0}|dataset.json.labels must hold the background and at least one label"})
  void tamperedPlansAndDatasetFilesAreRefusedWithReasons(String file, String parent, String key, String value,
      String message, @TempDir Path work) throws Exception {
    Path model = work.resolve("model");
    Files.createDirectories(model.resolve("fold_0"));
    for (String name : new String[] {"plans.json", "dataset.json", "fold_0/checkpoint_final.pth"}) {
      Files.copy(dir.resolve(TRAINER).resolve(name), model.resolve(name));
    }
    ObjectMapper json = new ObjectMapper();
    JsonNode root = json.readTree(model.resolve(file).toFile());
    ObjectNode node = (ObjectNode) (parent == null ? root : root.at(parent));
    if (value.equals("REMOVE")) {
      node.remove(key);
    } else {
      node.set(key, json.readTree(value));
    }
    json.writeValue(model.resolve(file).toFile(), root);
    ImportException e = assertThrows(ImportException.class, () -> NnUnetImporter.importModel(model, work.resolve(
        "out"), 0, "checkpoint_final.pth", "RAS", null));
    assertTrue(e.getMessage().startsWith(model + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void olderPlansNamingAnotherNetworkAreRefused(@TempDir Path work) throws Exception {
    Path model = work.resolve("model");
    Files.createDirectories(model.resolve("fold_0"));
    Files.copy(dir.resolve("old-plans/fold_0/checkpoint_final.pth"), model.resolve("fold_0/checkpoint_final.pth"));
    Files.copy(dir.resolve("old-plans/dataset.json"), model.resolve("dataset.json"));
    Files.writeString(model.resolve("plans.json"), Files.readString(dir.resolve("old-plans/plans.json"))
        .replace("\"UNet_class_name\": \"PlainConvUNet\"", "\"UNet_class_name\": \"ResidualEncoderUNet\""));
    ImportException e = assertThrows(ImportException.class, () -> NnUnetImporter.importModel(model, work.resolve(
        "out"), 0, "checkpoint_final.pth", "RAS", null));
    assertTrue(e.getMessage().endsWith("plans.json.configurations.3d_fullres.UNet_class_name is ResidualEncoderUNet; "
        + "ctpipe imports PlainConvUNet only"), e.getMessage());
  }

  @Test
  void aMissingFoldOrOrientationIsRefused(@TempDir Path out) {
    ImportException fold = assertThrows(ImportException.class, () -> NnUnetImporter.importModel(
        dir.resolve("Dataset999_tiny.zip"), out, 1, "checkpoint_final.pth", "RAS", null));
    assertTrue(fold.getMessage().endsWith("Dataset999_tiny.zip is not a zip holding fold_1/checkpoint_final.pth"),
        fold.getMessage());
    ImportException folder = assertThrows(ImportException.class, () -> NnUnetImporter.importModel(
        dir.resolve(TRAINER), out, 0, "checkpoint_best.pth", "RAS", null));
    assertTrue(folder.getMessage().endsWith("holds no fold_0/checkpoint_best.pth"), folder.getMessage());
    ImportException orientation = assertThrows(ImportException.class, () -> NnUnetImporter.importModel(
        dir.resolve(TRAINER), out, 0, "checkpoint_final.pth", "XYZ", null));
    assertEquals("orientation 'XYZ' is not RAS or LPS", orientation.getMessage());
  }

  /** A (channels, n0, n1, n2) array in network axis order, rearranged so that network axis a is card axis axes[a]. */
  private static float[] toCardOrder(float[] values, int channels, int[] axes) {
    int[] card = new int[3];
    for (int a = 0; a < 3; a++) {
      card[axes[a]] = PATCH[a];
    }
    int voxels = PATCH[0] * PATCH[1] * PATCH[2];
    float[] out = new float[values.length];
    int[] at = new int[3];
    for (int c = 0; c < channels; c++) {
      for (int v = 0; v < voxels; v++) {
        at[axes[0]] = v / (PATCH[1] * PATCH[2]);
        at[axes[1]] = v / PATCH[2] % PATCH[1];
        at[axes[2]] = v % PATCH[2];
        out[c * voxels + (at[0] * card[1] + at[1]) * card[2] + at[2]] = values[c * voxels + v];
      }
    }
    return out;
  }

  private static float[] floats(Path file) throws Exception {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[bytes.remaining() / 4];
    bytes.asFloatBuffer().get(out);
    return out;
  }
}
