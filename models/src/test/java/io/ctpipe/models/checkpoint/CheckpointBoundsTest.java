package io.ctpipe.models.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crafted checkpoints (hand-written pickles in a torch.save zip) that would take the heap or the stack are refused
 * with the reason before anything large is allocated: views that repeat or leave their storage, more tensor data
 * than the bound, self-referencing, deep, exponentially shared or oversized pickles.
 */
class CheckpointBoundsTest {
  @TempDir
  Path dir;

  private static byte[] floats(int n) {
    ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      b.putFloat(i);
    }
    return b.array();
  }

  private Path oneTensor(long storageElements, long offset, long[] size, long[] stride) throws IOException {
    byte[] pickle = new PickleBytes().op('}').text("w").tensor("0", storageElements, offset, size, stride)
        .op('s').bytes();
    return PickleBytes.checkpoint(dir.resolve("t.pt"), pickle, Map.of("0", floats((int) storageElements)));
  }

  private static String refusal(Path file) {
    return assertThrows(CheckpointException.class, () -> TorchCheckpoint.read(file)).getMessage();
  }

  private Path pickleOnly(PickleBytes pickle) throws IOException {
    return PickleBytes.checkpoint(dir.resolve("p.pt"), pickle.bytes(), Map.of());
  }

  @Test
  void aStrideZeroTensorAskingForGigabytesIsRefused() throws IOException {
    Path file = oneTensor(1, 0, new long[] {2147483639}, new long[] {0});
    assertTrue(Files.size(file) < 600, "a few hundred bytes: " + Files.size(file));
    assertEquals("tensor of size [2147483639] with stride [0] at offset 0 maps several of its elements to one "
        + "storage element (a stride of 0 or overlapping strides): refused, since such a view can claim far more "
        + "memory than its storage holds", refusal(file));
  }

  @Test
  void overlappingStridesAreRefused() throws IOException {
    assertTrue(refusal(oneTensor(16, 0, new long[] {4, 4}, new long[] {1, 1}))
        .startsWith("tensor of size [4, 4] with stride [1, 1] at offset 0 maps several of its elements"));
  }

  @Test
  void aViewPastItsStorageIsRefused() throws IOException {
    assertEquals("tensor of size [4] with stride [1] at offset 14 reaches element 17 of a storage of 16",
        refusal(oneTensor(16, 14, new long[] {4}, new long[] {1})));
  }

  @Test
  void transposedAndOffsetViewsStillRead() throws IOException {
    Tensor transposed = TorchCheckpoint.read(oneTensor(6, 0, new long[] {3, 2}, new long[] {1, 3}))
        .stateDict().get("w");
    assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, transposed.floats());
    Tensor row = TorchCheckpoint.read(oneTensor(6, 2, new long[] {2}, new long[] {1})).stateDict().get("w");
    assertArrayEquals(new float[] {2, 3}, row.floats());
  }

  @Test
  void aCheckpointsTensorDataIsBoundedBeforeItIsRead() throws IOException {
    PickleBytes pickle = new PickleBytes().op('}');
    Map<String, byte[]> storages = new LinkedHashMap<>();
    for (String key : new String[] {"0", "1"}) {
      pickle.text("w" + key).tensor(key, 256, 0, new long[] {256}, new long[] {1}).op('s');
      storages.put(key, floats(256));
    }
    Path file = PickleBytes.checkpoint(dir.resolve("two.pt"), pickle.bytes(), storages);
    assertEquals(2, TorchCheckpoint.read(file).stateDict().size());
    CheckpointException e = assertThrows(CheckpointException.class, () -> TorchCheckpoint.read(file, 3000));
    assertEquals(file + ": storage 1 needs 1024 bytes, bringing the checkpoint's tensor data to 3072 bytes, over the "
        + "limit of 3000 bytes for one checkpoint", e.getMessage());
    assertEquals(file + ": tensor of size [256] with stride [1] at offset 0 needs 1024 bytes, bringing the "
        + "checkpoint's tensor data to 2048 bytes, over the limit of 1500 bytes for one checkpoint",
        assertThrows(CheckpointException.class, () -> TorchCheckpoint.read(file, 1500)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> TorchCheckpoint.read(file, 0));
  }

  private static final String SELF_REFERENCE = "pickle changes a list or dict after putting it inside another "
      + "container, or puts one inside itself (at byte ";

  /** L = [L], then used as a dict key: Java's hashCode would recurse until the stack overflows. */
  @Test
  void aListPutInsideItselfIsRefused() throws IOException {
    Path file = pickleOnly(new PickleBytes().op('}', ']', 'q', 0, 'h', 0, 'a').integer(1).op('s'));
    assertTrue(refusal(file).startsWith(SELF_REFERENCE), refusal(file));
    assertTrue(refusal(file).endsWith("): a self-referencing structure, refused"), refusal(file));
  }

  /** L = [M], M = [L]. */
  @Test
  void aCycleThroughAnotherListIsRefused() throws IOException {
    Path file = pickleOnly(new PickleBytes().op('}').text("k").op(']', 'q', 0, ']', 'q', 1, 'h', 0, 'a', 'a', 's'));
    assertTrue(refusal(file).startsWith(SELF_REFERENCE), refusal(file));
  }

  @Test
  void deepNestingIsRefused() throws IOException {
    Path file = pickleOnly(new PickleBytes().op('}').text("k").repeat(']', 100_000).repeat('a', 99_999).op('s'));
    assertTrue(refusal(file).startsWith("pickle nests containers deeper than 64 levels (at byte "), refusal(file));
  }

  /** t0 = (1,), t(n+1) = (tn, tn): 40 levels reach 2^40 values through sharing, a toString that never ends. */
  @Test
  void exponentialSharingIsRefused() throws IOException {
    PickleBytes pickle = new PickleBytes().op('}').text("k").integer(1).op(0x85);
    for (int i = 0; i < 40; i++) {
      pickle.op('q', i, 'h', i, 0x86);
    }
    Path file = pickleOnly(pickle.op('s'));
    assertTrue(refusal(file).startsWith("pickle builds a container reaching more than 2000000 values, counted once "
        + "per path (at byte "), refusal(file));
  }

  @Test
  void containerKeysAreRefused() throws IOException {
    Path file = pickleOnly(new PickleBytes().op('}').integer(1).integer(2).op(0x86).integer(3).op('s'));
    assertTrue(refusal(file).startsWith("pickle uses a list or tuple as a dictionary key (at byte "), refusal(file));
  }

  @Test
  void aDeviceOtherThanTypeAndIndexIsRefused() throws IOException {
    Path file = pickleOnly(new PickleBytes().op('}').text("device").global("torch", "device").op('(').integer(1)
        .op('t', 'R', 's'));
    assertEquals("torch.device is read only as (type) or (type, index), not 1 arguments of these kinds",
        refusal(file));
  }

  @Test
  void tooManyValuesAreRefused() throws IOException {
    Path file = pickleOnly(new PickleBytes().op(']').repeat('(', 1_000_001));
    assertTrue(refusal(file).startsWith("pickle pushes more than 1000000 values and marks (at byte "),
        refusal(file));
  }
}
