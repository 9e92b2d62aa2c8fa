package io.ctpipe.models.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.models.tiling.WindowPredictor;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Mostly constant windows go to the fp32 network with their inputs; the others stay on the low precision. */
class ConstantWindowGuardTest {
  private static final int VOXELS = 100;

  /** Outputs one channel holding its own mark, and keeps the inputs it was given. */
  private static class Marked implements WindowPredictor {
    final float mark;
    final Map<Integer, FloatBuffer> inputs = new HashMap<>();
    float[] lastInput;
    int runs;
    boolean closed;

    Marked(float mark) {
      this.mark = mark;
    }

    @Override
    public int outputChannels() {
      return 1;
    }

    @Override
    public FloatBuffer inputBuffer(int batch) {
      return inputs.computeIfAbsent(batch, b -> FloatBuffer.allocate(b * VOXELS));
    }

    @Override
    public FloatBuffer predict(int batch) {
      runs++;
      lastInput = new float[batch * VOXELS];
      inputBuffer(batch).get(0, lastInput);
      float[] out = new float[batch * VOXELS];
      Arrays.fill(out, mark);
      return FloatBuffer.wrap(out);
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /** A window with {@code constant} voxels at -1 (the pad value) and the rest rising above it. */
  private static float[] window(int constant) {
    float[] w = new float[VOXELS];
    for (int i = 0; i < VOXELS; i++) {
      w[i] = i < constant ? -1f : i / 10f;
    }
    return w;
  }

  @Test
  void aBatchWithAMostlyConstantWindowRunsInFp32WithTheSameInputs() throws Exception {
    Marked low = new Marked(1);
    Marked fp32 = new Marked(2);
    try (ConstantWindowGuard guard = new ConstantWindowGuard(low, fp32, 0.9)) {
      guard.inputBuffer(1).put(0, window(89));
      assertEquals(1f, guard.predict(1).get(0), "89 % constant stays on the low precision");
      float[] batch = new float[2 * VOXELS];
      System.arraycopy(window(10), 0, batch, 0, VOXELS);
      System.arraycopy(window(90), 0, batch, VOXELS, VOXELS);
      guard.inputBuffer(2).put(0, batch);
      assertEquals(2f, guard.predict(2).get(0), "one window 90 % constant sends its batch to fp32");
      assertArrayEquals(batch, fp32.lastInput, "fp32 gets the batch's inputs");
      assertEquals(1, low.runs);
      assertEquals(2, guard.fp32Windows(), "both windows of the batch ran in fp32");
    }
    assertTrue(low.closed && fp32.closed);
  }

  @Test
  void slabsComeFromTheNetworkThatRan() throws Exception {
    Marked low = new Marked(1);
    Marked fp32 = new Marked(2);
    try (ConstantWindowGuard guard = new ConstantWindowGuard(low, fp32, 0.5)) {
      guard.inputBuffer(1).put(0, window(60));
      float[] seen = new float[1];
      guard.predictSlabs(1, 1, (w, first, planes, logits, offset) -> seen[0] = logits.get(offset));
      assertEquals(2f, seen[0]);
      assertEquals(1, guard.fp32Windows());
    }
  }

  @Test
  void theShareCountsTheWindowsLowestValue() {
    FloatBuffer values = FloatBuffer.wrap(new float[] {5, 3, 3, 7, 3, 0, 0, 9});
    assertEquals(0.5, ConstantWindowGuard.lowestValueShare(values, 0, 4));
    assertEquals(0.5, ConstantWindowGuard.lowestValueShare(values, 4, 4));
  }

  @Test
  void badThresholdsAndMismatchedNetworksAreRefused() {
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
        () -> new ConstantWindowGuard(new Marked(1), new Marked(2), 0));
    assertEquals("the constant share that sends a window to fp32 must be in (0, 1], got 0.0", zero.getMessage());
    Marked twoChannels = new Marked(2) {
      @Override
      public int outputChannels() {
        return 2;
      }
    };
    IllegalArgumentException channels = assertThrows(IllegalArgumentException.class,
        () -> new ConstantWindowGuard(new Marked(1), twoChannels, 0.9));
    assertEquals("the fp32 network makes 2 channels, the low-precision one 1", channels.getMessage());
    IllegalArgumentException fp32 = assertThrows(IllegalArgumentException.class,
        () -> ConstantWindowGuard.threshold(Precision.FP32));
    assertEquals("fp32 runs every window in fp32", fp32.getMessage());
  }
}
