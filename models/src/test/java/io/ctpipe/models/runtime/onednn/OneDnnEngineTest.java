package io.ctpipe.models.runtime.onednn;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_MEAN;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.models.card.ModelCards;
import io.ctpipe.models.runtime.Backend;
import io.ctpipe.models.runtime.BackendUnavailableException;
import io.ctpipe.models.runtime.InferenceBackends;
import io.ctpipe.models.runtime.InferenceSettings;
import io.ctpipe.models.runtime.NetworkFile;
import io.ctpipe.models.runtime.OpenedNetwork;
import io.ctpipe.models.runtime.Precision;
import io.ctpipe.models.runtime.ResolvedInference;
import io.ctpipe.models.zoo.OnnxGraph;
import io.ctpipe.models.zoo.OnnxGraph.Attribute;
import io.ctpipe.models.zoo.SegResNets;
import io.ctpipe.models.zoo.TissueCt;
import io.ctpipe.models.zoo.ZooFixtures;
import io.ctpipe.models.zoo.ZooModel;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.dnnl.memory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backend choice, fallbacks with reasons, threads, native memory and arena planning of the oneDNN engine. */
class OneDnnEngineTest {
  private static final int[] ROI = {24, 24, 24};
  /** SegResNetDS halves four times: its windows are multiples of 16. */
  private static final int[] DS_ROI = {32, 32, 32};

  @TempDir
  Path tmp;

  private NetworkFile write(ZooModel model) throws Exception {
    Path file = tmp.resolve(model.id() + ".onnx");
    Files.write(file, model.onnx());
    return new NetworkFile(model.id(), file, ModelCards.sha256(model.onnx()), null, null);
  }

  @Test
  void autoPicksOneDnnForASupportedGraph() throws Exception {
    try (OpenedNetwork n = InferenceBackends.open(write(TissueCt.build(ROI)), ROI, InferenceSettings.defaults(2))) {
      assertEquals(Backend.ONEDNN, n.backend());
      assertEquals(Precision.FP32, n.precision());
      assertEquals(null, n.note());
    }
  }

  @Test
  void anUnsupportedOperatorRunsOnOnnxRuntimeWithTheReason() throws Exception {
    NetworkFile file = write(withExp());
    try (OpenedNetwork n = InferenceBackends.open(file, ROI, InferenceSettings.defaults(2))) {
      assertEquals(Backend.ONNXRUNTIME, n.backend());
      assertTrue(n.note().contains("operator Exp"), n.note());
      n.predictor().inputBuffer(1).put(0, 0.5f);
      assertEquals(ROI[0] * ROI[1] * ROI[2] * 2, n.predictor().predict(1).remaining());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InferenceBackends.open(file, ROI,
        new InferenceSettings(Backend.ONEDNN, Precision.FP32, 2)));
    assertTrue(e.getMessage().contains("cannot run 'with-exp'") && e.getMessage().contains("operator Exp"),
        e.getMessage());
  }

  /** A CPU where oneDNN has no bfloat16 kernels. */
  private static final CpuFeatures AVX2 = new CpuFeatures() {
    @Override
    public boolean bf16() {
      return false;
    }

    @Override
    public String isa() {
      return "avx2";
    }
  };

  @Test
  void aCpuWithoutBf16IsToldSoOrFallsBackToFp32() throws Exception {
    NetworkFile file = write(TissueCt.build(ROI));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InferenceBackends.open(file, ROI,
        new InferenceSettings(Backend.ONEDNN, Precision.BF16, 2), () -> AVX2));
    assertTrue(e.getMessage().contains("bf16 needs a CPU with AVX512-BF16") && e.getMessage().contains("avx2"),
        e.getMessage());
    try (OpenedNetwork n = InferenceBackends.open(file, ROI, new InferenceSettings(Backend.AUTO, Precision.BF16, 2),
        () -> AVX2)) {
      assertEquals(Backend.ONEDNN, n.backend());
      assertEquals(Precision.FP32, n.precision());
      assertTrue(n.note().startsWith("bf16 refused: bf16 needs a CPU"), n.note());
    }
  }

  @Test
  void aNativeLibraryThatCannotLoadFallsBackToOnnxRuntime() throws Exception {
    NetworkFile file = write(TissueCt.build(ROI));
    try (OpenedNetwork n = InferenceBackends.open(file, ROI, InferenceSettings.defaults(2), () -> {
      throw new UnsatisfiedLinkError("no jnidnnl in java.library.path");
    })) {
      assertEquals(Backend.ONNXRUNTIME, n.backend());
      assertTrue(n.note().startsWith("oneDNN's native library cannot load here"), n.note());
    }
  }

  @Test
  void resolvingSaysWhatAutoEndsOnAndWhyWithoutKeepingTheNetwork() throws Exception {
    NetworkFile tissue = write(TissueCt.build(ROI));
    ResolvedInference plain = InferenceBackends.resolve(tissue, ROI, InferenceSettings.defaults(2));
    assertEquals(new ResolvedInference(Backend.ONEDNN, Precision.FP32, 2, null), plain);
    assertEquals("ONEDNN/FP32", plain.identity());
    ResolvedInference bf16 = InferenceBackends.resolve(tissue, ROI, new InferenceSettings(Backend.AUTO,
        Precision.BF16, 2), () -> AVX2);
    assertEquals("onednn/fp32", bf16.describe());
    assertTrue(bf16.identity().startsWith("ONEDNN/FP32 fallback=\"bf16 refused: bf16 needs a CPU with AVX512-BF16"),
        bf16.identity());
    ResolvedInference refused = InferenceBackends.resolve(write(withExp()), ROI, InferenceSettings.defaults(2));
    assertEquals(Backend.ONNXRUNTIME, refused.backend());
    assertTrue(refused.reason().startsWith("oneDNN engine refused the graph: operator Exp"), refused.reason());
    assertEquals(0, OneDnnNetworks.openNetworks(), "resolving compiles the plan and gives it back");
  }

  @Test
  void aResolvedChoiceOpensExactlyOrFailsNamingIt() throws Exception {
    NetworkFile file = write(TissueCt.build(ROI));
    ResolvedInference bf16 = new ResolvedInference(Backend.ONEDNN, Precision.BF16, 1, null);
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
        () -> InferenceBackends.open(file, ROI, bf16, () -> AVX2));
    assertEquals("'tissue-ct' is configured to run on onednn/bf16 but cannot run on it here: bf16 needs a CPU with "
        + "AVX512-BF16, AVX10 or AMX; this one offers avx2: use --precision fp32", e.getMessage());
    ResolvedInference afterFallback = new ResolvedInference(Backend.ONEDNN, Precision.FP32, 1, "bf16 refused: x");
    e = assertThrows(BackendUnavailableException.class, () -> InferenceBackends.open(file, ROI, afterFallback,
        () -> {
          throw new UnsatisfiedLinkError("no jnidnnl in java.library.path");
        }));
    assertEquals("'tissue-ct' is configured to run on onednn/fp32 (bf16 refused: x) but cannot run on it here: its "
        + "native library cannot load (java.lang.UnsatisfiedLinkError: no jnidnnl in java.library.path)",
        e.getMessage());
    try (OpenedNetwork n = InferenceBackends.open(file, ROI, afterFallback)) {
      assertEquals(afterFallback, n.runs(), "what was resolved, reason included");
    }
    ResolvedInference onnx = new ResolvedInference(Backend.ONNXRUNTIME, Precision.FP32, 1, null);
    try (OpenedNetwork n = InferenceBackends.open(file, ROI, onnx, () -> AVX2)) {
      assertEquals(Backend.ONNXRUNTIME, n.backend());
    }
  }

  @Test
  void aResolvedBackendIsNeverAuto() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ResolvedInference(Backend.AUTO, Precision.FP32, 1, null));
    assertEquals("a resolved backend is onednn or onnxruntime, never auto", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new ResolvedInference(Backend.ONEDNN, Precision.FP32, 0, null));
    assertEquals("inference threads must be at least 1, got 0", e.getMessage());
  }

  @Test
  void onnxRuntimeDoesNotRunBf16() throws Exception {
    NetworkFile file = write(TissueCt.build(ROI));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InferenceBackends.open(file, ROI,
        new InferenceSettings(Backend.ONNXRUNTIME, Precision.BF16, 2)));
    assertEquals("ONNX Runtime runs 'tissue-ct' in fp32 (or int8 through the model's own QDQ nodes); bf16 needs "
        + "--runtime onednn (or auto)", e.getMessage());
  }

  @Test
  void twoThreadsShareOneNetworkAndGetEqualOutputs() throws Exception {
    NetworkFile file = write(SegResNets.segResNetDs("ds", 3, DS_ROI, 5));
    float[] input = ZooFixtures.phantomInput(DS_ROI, 10);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<float[]>> results = pool.invokeAll(List.of(() -> runTwice(file, input), () -> runTwice(file,
          input)));
      assertArrayEquals(results.get(0).get(), results.get(1).get());
    } finally {
      pool.shutdown();
    }
    assertEquals(0, OneDnnNetworks.openNetworks());
  }

  private static float[] runTwice(NetworkFile file, float[] input) throws Exception {
    try (OpenedNetwork n = InferenceBackends.open(file, DS_ROI, new InferenceSettings(Backend.ONEDNN,
        Precision.FP32, 1))) {
      float[] first = null;
      for (int run = 0; run < 2; run++) {
        n.predictor().inputBuffer(1).clear().put(input);
        FloatBuffer out = n.predictor().predict(1);
        float[] values = new float[out.remaining()];
        out.get(values);
        if (first != null) {
          assertArrayEquals(first, values, "the same input twice gives the same output");
        }
        first = values;
      }
      return first;
    }
  }

  @Test
  void nativeMemoryIsReleasedWhenTheLastUserCloses() throws Exception {
    NetworkFile file = write(TissueCt.build(ROI));
    InferenceSettings settings = new InferenceSettings(Backend.ONEDNN, Precision.FP32, 1);
    OpenedNetwork a = InferenceBackends.open(file, ROI, settings);
    OpenedNetwork b = InferenceBackends.open(file, ROI, settings);
    assertEquals(1, OneDnnNetworks.openNetworks(), "one shared network");
    a.close();
    assertEquals(1, OneDnnNetworks.openNetworks(), "still used by b");
    b.close();
    assertEquals(0, OneDnnNetworks.openNetworks());
  }

  @Test
  void arenaSlotsOfValuesAliveTogetherNeverOverlap() throws Exception {
    ZooModel model = SegResNets.segResNetDs("ds", 4, DS_ROI, 3);
    try (WeightCache weights = new WeightCache()) {
      CompiledPlan plan = PlanCompiler.compile(OnnxModel.read(model.onnx(), null, null), new long[] {2, 1, 32, 32,
          32}, memory.data_type.f32, weights);
      List<Value> arena = plan.values.stream().filter(v -> v.home == Value.Home.ARENA).toList();
      for (Value a : arena) {
        assertTrue(a.offset % 64 == 0 && a.offset + a.bytes() <= plan.arenaBytes, a.name);
        for (Value b : arena) {
          boolean together = a != b && a.producer <= b.lastUse && b.producer <= a.lastUse;
          boolean overlap = a.offset < b.offset + b.bytes() && b.offset < a.offset + a.bytes();
          assertFalse(together && overlap, a.name + " and " + b.name + " share memory while both alive");
        }
      }
      assertTrue(plan.arenaBytes < plan.unplannedBytes() / 4, plan.arenaBytes + " of " + plan.unplannedBytes());
    }
  }

  @Test
  void bf16PlansNormaliseUnroundedValuesWithExactStatistics() throws Exception {
    Assumptions.assumeTrue(CpuFeatures.detected().bf16(), "bf16 kernels need AVX512-BF16, AVX10 or AMX");
    ZooModel model = SegResNets.segResNetDs("ds", 4, DS_ROI, 3);
    try (WeightCache weights = new WeightCache()) {
      CompiledPlan plan = PlanCompiler.compile(OnnxModel.read(model.onnx(), null, null), new long[] {1, 1, 32, 32,
          32}, memory.data_type.bf16, weights);
      List<Step> norms = plan.steps.stream().filter(s -> s.kind.equals("normalization")).toList();
      assertFalse(norms.isEmpty());
      for (Step norm : norms) {
        Value source = ((Step.Bound) norm.args.get(DNNL_ARG_SRC)).value();
        assertEquals(memory.data_type.f32, source.type, norm.label + " reads " + source.name);
        assertTrue(norm.args.containsKey(DNNL_ARG_MEAN), norm.label + " has no exact statistics");
      }
      assertTrue(plan.steps.stream().filter(s -> s.kind.equals("convolution"))
          .map(s -> ((Step.Bound) s.args.get(DNNL_ARG_DST)).value().type)
          .anyMatch(memory.data_type.bf16::equals), "layers that feed convolutions stay bf16");
    }
  }

  @Test
  void malformedModelsAreRefusedWithTheReason() {
    IllegalArgumentException notOnnx = assertThrows(IllegalArgumentException.class,
        () -> OnnxModel.read(new byte[] {1, 2, 3, 4, 5}, null, null));
    assertTrue(notOnnx.getMessage().startsWith("not an ONNX model"), notOnnx.getMessage());
    OnnxGraph huge = new OnnxGraph("huge");
    huge.input("x", 1, ROI);
    ai.onnx.proto.OnnxMl.TensorProto t = ai.onnx.proto.OnnxMl.TensorProto.newBuilder().setName("w")
        .setDataType(1).addDims(1L << 20).addDims(1L << 20).build();
    UnsupportedModelException tooLarge = assertThrows(UnsupportedModelException.class, () -> OnnxModel.decode(t));
    assertTrue(tooLarge.getMessage().contains("more than 1073741824 elements"), tooLarge.getMessage());
    ai.onnx.proto.OnnxMl.TensorProto shortRaw = t.toBuilder().clearDims().addDims(4)
        .setRawData(com.google.protobuf.ByteString.copyFrom(new byte[12])).build();
    UnsupportedModelException truncated = assertThrows(UnsupportedModelException.class,
        () -> OnnxModel.decode(shortRaw));
    assertEquals("initializer 'w' holds 12 bytes; its dimensions need 16", truncated.getMessage());
  }

  /** tissue-ct's first layers followed by Exp, which the engine does not run. */
  private static ZooModel withExp() {
    OnnxGraph g = new OnnxGraph("with-exp");
    g.input("x", 1, ROI);
    String conv = g.node("Conv", List.of("x", g.initializer("w", new long[] {2, 1, 1, 1, 1}, new float[] {1, -1})),
        null, Attribute.ints("kernel_shape", 1, 1, 1));
    g.node("Exp", List.of(conv), "y");
    g.output("y", 2, ROI);
    return new ZooModel("with-exp", g.toBytes(), 2, 0, ROI, 2);
  }
}
