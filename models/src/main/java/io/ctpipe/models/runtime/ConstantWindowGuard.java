package io.ctpipe.models.runtime;

import io.ctpipe.models.tiling.SlabSink;
import io.ctpipe.models.tiling.WindowPredictor;
import java.nio.FloatBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs mostly constant windows in fp32. A bf16 or int8 network's labels drift from fp32's where most of a window is
 * one value (padding at a volume's edge, clipped air, a thin volume): docs/inference-engine.md, "Precisions". A
 * batch in which some window has at least {@link #threshold} of its voxels at the window's lowest value (the pad and
 * clip value) is run by the fp32 network instead; every other batch by the low-precision one. Counts the windows
 * run in fp32.
 */
public final class ConstantWindowGuard implements WindowPredictor {
  private final WindowPredictor lowPrecision;
  private final WindowPredictor fp32;
  private final double threshold;
  private final AtomicLong fp32Windows = new AtomicLong();

  /**
   * @param threshold least share of a window's voxels at its lowest value that sends its batch to {@code fp32}
   */
  public ConstantWindowGuard(WindowPredictor lowPrecision, WindowPredictor fp32, double threshold) {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("the constant share that sends a window to fp32 must be in (0, 1], got "
          + threshold);
    }
    if (lowPrecision.outputChannels() != fp32.outputChannels()) {
      throw new IllegalArgumentException("the fp32 network makes " + fp32.outputChannels() + " channels, the "
          + "low-precision one " + lowPrecision.outputChannels());
    }
    this.lowPrecision = lowPrecision;
    this.fp32 = fp32;
    this.threshold = threshold;
  }

  /** The least share of a window's voxels at its lowest value that runs it in fp32, for a low precision. */
  public static double threshold(Precision precision) {
    return switch (precision) {
      case BF16 -> 0.95;
      case INT8 -> 0.75;
      case FP32 -> throw new IllegalArgumentException("fp32 runs every window in fp32");
    };
  }

  public double threshold() {
    return threshold;
  }

  /** Windows run so far in fp32 (all windows of a batch in which one was mostly constant). */
  public long fp32Windows() {
    return fp32Windows.get();
  }

  @Override
  public int outputChannels() {
    return lowPrecision.outputChannels();
  }

  @Override
  public FloatBuffer inputBuffer(int batch) {
    return lowPrecision.inputBuffer(batch);
  }

  @Override
  public FloatBuffer predict(int batch) throws Exception {
    return choose(batch).predict(batch);
  }

  @Override
  public void predictSlabs(int batch, int windowPlanes, SlabSink sink) throws Exception {
    choose(batch).predictSlabs(batch, windowPlanes, sink);
  }

  /** The network for this batch; its inputs are copied to the fp32 network's buffer when that one runs it. */
  private WindowPredictor choose(int batch) {
    FloatBuffer input = lowPrecision.inputBuffer(batch);
    int perWindow = input.capacity() / batch;
    for (int b = 0; b < batch; b++) {
      if (lowestValueShare(input, b * perWindow, perWindow) >= threshold) {
        fp32Windows.addAndGet(batch);
        fp32.inputBuffer(batch).put(0, input, 0, batch * perWindow);
        return fp32;
      }
    }
    return lowPrecision;
  }

  /** The share of {@code length} values from {@code offset} that equal the smallest of them. */
  static double lowestValueShare(FloatBuffer values, int offset, int length) {
    float lowest = Float.POSITIVE_INFINITY;
    for (int i = offset; i < offset + length; i++) {
      lowest = Math.min(lowest, values.get(i));
    }
    long count = 0;
    for (int i = offset; i < offset + length; i++) {
      count += values.get(i) == lowest ? 1 : 0;
    }
    return count / (double) length;
  }

  @Override
  public void close() {
    try {
      lowPrecision.close();
    } finally {
      fp32.close();
    }
  }
}
