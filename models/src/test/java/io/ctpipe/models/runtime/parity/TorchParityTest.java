package io.ctpipe.models.runtime.parity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.dicom.DicomReader;
import io.ctpipe.dicom.labelmap.NiftiReader;
import io.ctpipe.dicom.testing.ExternalTools;
import io.ctpipe.dicom.testing.SharedData;
import io.ctpipe.dicom.volume.SeriesScanner;
import io.ctpipe.dicom.volume.VolumeAssembler;
import io.ctpipe.models.bpr.BprPreprocessor;
import io.ctpipe.models.bpr.BprSlices;
import io.ctpipe.models.card.ModelCard;
import io.ctpipe.models.card.ModelCards;
import io.ctpipe.models.imports.Auto3dSegImporter;
import io.ctpipe.models.optimize.ModelQuantizer;
import io.ctpipe.models.runtime.Backend;
import io.ctpipe.models.runtime.InferenceBackends;
import io.ctpipe.models.runtime.InferenceSettings;
import io.ctpipe.models.runtime.NetworkFile;
import io.ctpipe.models.runtime.OpenedNetwork;
import io.ctpipe.models.runtime.Precision;
import io.ctpipe.models.zoo.BprVgg16;
import io.ctpipe.models.zoo.SegResNets;
import io.ctpipe.models.zoo.ZooModel;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The oneDNN engine against PyTorch itself (Debian's python3-torch running the same ONNX graph with its own
 * kernels, {@link TorchReference}) on the parity corpus ({@link ParityCorpus}), for every network the engine runs:
 * the trained ct-small-117, the zoo's MONAI SegResNet and Auto3DSeg SegResNetDS replicas, an imported Auto3DSeg
 * checkpoint, and bpreg's VGG16 on real and blank slices. fp32: logits within 1e-4 of PyTorch's (relative to the
 * window's largest |logit|) on every window, and labels equal on every real voxel but near-ties
 * ({@link Parity#NEAR_TIE}). bf16 and int8 (ct-small-117): labels agree with PyTorch's on at least 99.5 % (bf16)
 * and 99 % (int8) of every window's real voxels; the table goes into
 * docs/inference-engine.md.
 */
class TorchParityTest {
  private static final double FP32_BOUND = 1e-4;

  @TempDir
  static Path work;
  private static final List<Parity.Row> ROWS = new ArrayList<>();

  @BeforeAll
  static void requireTorch() throws Exception {
    ExternalTools.requirePythonModule("torch");
  }

  @AfterAll
  static void printTable() {
    Parity.print(ROWS);
  }

  @Test
  void ctSmall117() throws Exception {
    Path folder = SharedData.requireInShared("models/ct-small-117");
    Path cardFile = folder.resolve("card.json");
    ModelCard card = ModelCards.read(cardFile);
    NetworkFile int8 = network(ModelCards.read(ModelQuantizer.quantize(cardFile,
        NiftiReader.readCt(SharedData.require("reference/totalseg-nifti-example/example_ct.nii.gz")),
        work.resolve("int8"))));
    List<ParityCorpus.Window> corpus = ParityCorpus.build(card, 96, -1f);
    List<Parity.Row> rows = compare("ct-small-117", network(card), int8, corpus, new int[] {96, 96, 96});
    for (Parity.Row row : rows) {
      // normalisation inputs in f32; mostly constant windows in fp32, on the int8 card's fp32 source
      assertTrue(row.bf16().agreement() >= 0.995, row + ": bf16 agreement " + row.bf16().agreement());
      assertTrue(row.int8().agreement() >= 0.99, row + ": int8 agreement " + row.int8().agreement());
    }
  }

  @Test
  void zooSegResNetDsReplica() throws Exception {
    ZooModel model = SegResNets.segResNetDs("segresnetds-replica", 105, new int[] {64, 64, 64}, 7);
    compare("SegResNetDS-105 replica (untrained)", write(model.id(), model.onnx()), null,
        ParityCorpus.build(ctSmallCard(), 64, -1f), model.roi());
  }

  @Test
  void zooSegResNetReplica() throws Exception {
    ZooModel model = SegResNets.segResNet("segresnet-replica", 105, new int[] {64, 64, 64}, 11);
    compare("MONAI SegResNet replica (untrained)", write(model.id(), model.onnx()), null,
        ParityCorpus.build(ctSmallCard(), 64, -1f), model.roi());
  }

  @Test
  void importedAuto3dSegCheckpoint() throws Exception {
    Path fixtures = Files.createDirectories(work.resolve("auto3dseg"));
    ExternalTools.runPythonScript("torch", "auto3dseg_checkpoint.py", fixtures.toString(), "tiny");
    Auto3dSegImporter.Result imported = Auto3dSegImporter.importModel(fixtures.resolve("tiny-release.zip"),
        Files.createDirectories(work.resolve("imported")), "tiny");
    compare("imported Auto3DSeg SegResNetDS (random weights)", write("tiny", Files.readAllBytes(imported.onnx())),
        null, ParityCorpus.build(ctSmallCard(), 16, -1f), new int[] {16, 16, 16});
  }

  @Test
  void bpregVgg16OnRealAndBlankSlices() throws Exception {
    DicomReader reader = new DicomReader();
    BprSlices slices = BprPreprocessor.prepare(new VolumeAssembler(reader).assemble(new SeriesScanner(reader)
        .scan(SharedData.require("ct/totalseg-example")).series().get(0)));
    int size = BprPreprocessor.SIZE * BprPreprocessor.SIZE;
    List<ParityCorpus.Window> corpus = new ArrayList<>();
    for (int s : new int[] {0, slices.count() / 2, slices.count() - 1}) {
      float[] slice = Arrays.copyOfRange(slices.pixels(), s * size, (s + 1) * size);
      corpus.add(ParityCorpus.Window.whole("real slice " + s, slice));
    }
    float air = slices.pixels()[0];
    float[] blank = new float[size];
    Arrays.fill(blank, air);
    corpus.add(ParityCorpus.Window.whole("blank slice (air)", blank));
    float[] almost = Arrays.copyOfRange(slices.pixels(), 0, size);
    Arrays.fill(almost, size / 10, size, air);
    corpus.add(ParityCorpus.Window.whole("90 % air slice", almost));
    ZooModel model = BprVgg16.build(3);
    compare("bpreg VGG16 replica (untrained)", write(model.id(), model.onnx()), null, corpus,
        new int[] {BprPreprocessor.SIZE, BprPreprocessor.SIZE});
  }

  /**
   * Runs the corpus through PyTorch and the engine (fp32, bf16, and int8 when a quantised copy is given), asserts
   * the fp32 bounds and returns the rows.
   */
  private static List<Parity.Row> compare(String name, NetworkFile file, NetworkFile int8,
      List<ParityCorpus.Window> corpus, int[] spatial) throws Exception {
    int[] shape = new int[spatial.length + 2];
    shape[0] = 1;
    shape[1] = 1;
    System.arraycopy(spatial, 0, shape, 2, spatial.length);
    List<Path> torch = TorchReference.run(file.readVerified(), shape,
        corpus.stream().map(ParityCorpus.Window::values).toList(), work);
    List<Parity.Row> rows = new ArrayList<>();
    Map<Precision, NetworkFile> variants = new LinkedHashMap<>();
    variants.put(Precision.FP32, file);
    variants.put(Precision.BF16, file);
    if (int8 != null) {
      variants.put(Precision.INT8, int8);
    }
    for (int w = 0; w < corpus.size(); w++) {
      ParityCorpus.Window window = corpus.get(w);
      float[] reference = TorchReference.read(torch.get(w));
      Map<Precision, Parity.Result> results = new LinkedHashMap<>();
      for (Map.Entry<Precision, NetworkFile> v : variants.entrySet()) {
        results.put(v.getKey(), Parity.compare(run(v.getValue(), v.getKey(), spatial, window), reference,
            window.real()));
      }
      rows.add(new Parity.Row(name, window, results.get(Precision.FP32), results.get(Precision.BF16),
          results.get(Precision.INT8)));
    }
    ROWS.addAll(rows);
    for (Parity.Row row : rows) {
      assertTrue(row.fp32().relative() <= FP32_BOUND, row + ": fp32 logits " + row.fp32().relative());
      assertTrue(row.fp32().labelsOtherThanNearTies() == 0, row + ": fp32 labels differ beyond near-ties ("
          + row.fp32().labelsOtherThanNearTies() + ")");
    }
    return rows;
  }

  private static float[] run(NetworkFile file, Precision precision, int[] spatial, ParityCorpus.Window window)
      throws Exception {
    try (OpenedNetwork network = InferenceBackends.open(file, spatial,
        new InferenceSettings(Backend.ONEDNN, precision, 2))) {
      network.predictor().inputBuffer(1).put(0, window.values());
      FloatBuffer out = network.predictor().predict(1);
      float[] logits = new float[out.remaining()];
      out.get(logits);
      return logits;
    }
  }

  private static ModelCard ctSmallCard() throws Exception {
    return ModelCards.read(SharedData.requireInShared("models/ct-small-117").resolve("card.json"));
  }

  private static NetworkFile network(ModelCard card) throws Exception {
    return card.network(ModelCards.verifiedSha256(card));
  }

  private static NetworkFile write(String id, byte[] onnx) throws Exception {
    Path file = work.resolve(id + ".onnx");
    Files.write(file, onnx);
    return new NetworkFile(id, file, ModelCards.sha256(onnx), null, null);
  }
}
