package io.ctpipe.models.bpr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import io.ctpipe.dicom.testing.ExternalTools;
import io.ctpipe.dicom.testing.SharedData;
import io.ctpipe.models.runtime.Backend;
import io.ctpipe.models.runtime.InferenceSettings;
import io.ctpipe.models.runtime.Precision;
import io.ctpipe.models.testing.Npy;
import io.ctpipe.models.zoo.BprVgg16;
import io.ctpipe.models.zoo.ZooModel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bpr-vgg16 replica: bpreg's parameter and MAC counts, and both backends (ONNX Runtime, the oneDNN engine) against
 * PyTorch on real slices.
 */
class BprModelTest {
  @TempDir
  Path tmp;

  @Test
  void replicaHasBpregsParameterAndMultiplyAddCounts() {
    ZooModel m = BprVgg16.build(1);
    assertEquals(14_976_641L, m.parameters());
    assertEquals(4_996_465_152L, m.macsPerWindow(), "spec §3.1: 4.996 G MACs per 128x128 slice");
  }

  /** Debian's PyTorch, given the replica's weights, scores three real CT slices as each backend does. */
  @ParameterizedTest
  @EnumSource(value = Backend.class, names = {"ONNXRUNTIME", "ONEDNN"})
  void backendEqualsPyTorchOnRealSlices(Backend backend) throws Exception {
    ExternalTools.requirePythonModule("torch");
    Path series = SharedData.requireInShared("data/ct/totalseg-example");
    BprCard card = BprFixtures.replica();
    BprSlices all = BprPreprocessor.prepare(BprFixtures.read(series));
    int count = 3;
    int slice = 128 * 128;
    float[] picked = new float[count * slice];
    for (int i = 0; i < count; i++) {
      System.arraycopy(all.pixels(), (i * 9) * slice, picked, i * slice, slice);
    }
    BprSlices three = new BprSlices(picked, count, all.axes(), all.resizedRows(), all.resizedColumns());
    float[] ort;
    try (SliceScorer scorer = new SliceScorer(card, 2, new InferenceSettings(backend, Precision.FP32, 2))) {
      assertEquals(backend, scorer.network().backend());
      ort = scorer.score(three);
    }
    Path weights = Files.createDirectories(tmp.resolve("weights"));
    OnnxMl.ModelProto model = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(card.file()));
    List<OnnxMl.TensorProto> initializers = model.getGraph().getInitializerList();
    for (int i = 0; i < initializers.size(); i++) {
      OnnxMl.TensorProto t = initializers.get(i);
      float[] values = new float[t.getRawData().size() / 4];
      ByteBuffer.wrap(t.getRawData().toByteArray()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
      Npy.writeFloats(weights.resolve(String.format("%03d.npy", i)), t.getDimsList().stream()
          .mapToInt(Long::intValue).toArray(), values);
    }
    Path input = tmp.resolve("input.npy");
    Path output = tmp.resolve("output.npy");
    Npy.writeFloats(input, new int[] {count, 1, 128, 128}, picked);
    ExternalTools.Output run = ExternalTools.run(List.of(ExternalTools.PYTHON,
        ExternalTools.script("bpr_vgg16_torch.py").toString(), weights.toString(), input.toString(),
        output.toString()));
    assertEquals(0, run.exitCode(), run.stderr());
    float[] torch = Npy.readFloats(output);
    assertEquals(count, torch.length);
    for (int i = 0; i < count; i++) {
      double tolerance = 1e-4 * Math.max(1, Math.abs(torch[i]));
      assertEquals(torch[i], ort[i], tolerance, "slice " + i + ": " + backend + " " + Arrays.toString(ort) + " PyTorch "
          + Arrays.toString(torch));
    }
    assertTrue(ort[0] != ort[1] || ort[1] != ort[2], "different slices give different scores");
  }
}
