package io.ctpipe.models.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctpipe.dicom.testing.ExternalTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints written by Debian's python3-torch: an ordinary one reads back to PyTorch's values (float32, float16,
 * bfloat16, int64, non-contiguous, with a storage offset; a config with numpy scalars), and tampered ones fail
 * with a message naming what was refused, without running anything.
 */
class TorchCheckpointTest {
  @TempDir
  static Path dir;

  @BeforeAll
  static void writeCheckpoints() throws Exception {
    ExternalTools.runPythonScript("torch", "torch_checkpoints.py", dir.toString());
  }

  @Test
  void tensorsAndConfigReadAsPytorchWroteThem() throws Exception {
    TorchCheckpoint checkpoint = TorchCheckpoint.read(dir.resolve("basic.pt"));
    assertEquals(List.of("state_dict", "config", "epoch", "best_metric"), checkpoint.rootKeys());
    Map<String, Tensor> state = checkpoint.stateDict("state_dict");
    JsonNode expected = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
    assertEquals(expected.size(), state.size());
    expected.fields().forEachRemaining(e -> {
      Tensor t = state.get(e.getKey());
      long[] shape = new long[e.getValue().get("shape").size()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = e.getValue().get("shape").get(i).asLong();
      }
      assertArrayEquals(shape, t.shape(), e.getKey());
      JsonNode values = e.getValue().get("values");
      assertEquals(values.size(), t.elementCount(), e.getKey());
      for (int i = 0; i < values.size(); i++) {
        if (t.longs() != null) {
          assertEquals(values.get(i).asLong(), t.longs()[i], e.getKey());
        } else {
          assertEquals((float) values.get(i).asDouble(), t.floats()[i], e.getKey() + "[" + i + "]");
        }
      }
    });
    assertEquals("float16", state.get("half").dtype());
    assertEquals("bfloat16", state.get("brain").dtype());
    assertEquals(492L, checkpoint.at("epoch"));
    assertEquals(0.7895, checkpoint.at("best_metric"));
    assertEquals(List.of(-1000.5, 1500.0), checkpoint.at("config", "intensity_bounds"));
    assertEquals(List.of(1L, 2L, 2L, 4L, 4L), checkpoint.at("config", "network", "blocks_down"));
    assertEquals("INSTANCE_NVFUSER", checkpoint.at("config", "network", "norm"));
    assertEquals(List.of(1L, "two", 3.0), checkpoint.at("config", "nested"));
    assertEquals(List.of("cuda", "cuda:1"), checkpoint.at("config", "devices"), "torch.device read as its name");
    assertEquals(Boolean.FALSE, checkpoint.at("config", "sigmoid"));
    assertTrue(((Map<?, ?>) checkpoint.at("config")).containsKey("orientation_ras"));
    assertEquals(null, checkpoint.at("config", "orientation_ras"));
  }

  private static String refusal(String file) {
    return assertThrows(CheckpointException.class, () -> TorchCheckpoint.read(dir.resolve(file))).getMessage();
  }

  @Test
  void tamperedCheckpointsAreRefusedWithTheReason() {
    assertTrue(refusal("evil.pt").contains("the checkpoint refers to the Python global posix.system, which ctpipe "
        + "does not load"), refusal("evil.pt"));
    assertFalse(Files.exists(dir.resolve("pwned")), "nothing was executed");
    assertTrue(refusal("custom.pt").contains("Python global __main__.Foo"), refusal("custom.pt"));
    assertTrue(refusal("legacy.pt").contains("legacy (PyTorch < 1.6) checkpoint"), refusal("legacy.pt"));
    assertTrue(refusal("truncated.pt").contains("is not a readable zip archive"), refusal("truncated.pt"));
    assertTrue(refusal("huge.pt").contains("storage 0 declares 1099511627776 float32 elements"), refusal("huge.pt"));
  }

  @Test
  void aMissingStateDictIsNamed() throws Exception {
    TorchCheckpoint checkpoint = TorchCheckpoint.read(dir.resolve("basic.pt"));
    CheckpointException e = assertThrows(CheckpointException.class, () -> checkpoint.stateDict("model"));
    assertEquals("the checkpoint has no state dict at model", e.getMessage());
    CheckpointException notTensors = assertThrows(CheckpointException.class, () -> checkpoint.stateDict("config"));
    assertTrue(notTensors.getMessage().startsWith("state dict entry network is not a tensor"), notTensors.getMessage());
  }
}
