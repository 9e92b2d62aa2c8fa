package io.ctpipe.models.tiling;

import java.nio.FloatBuffer;

/** Runs a segmentation network on a batch of windows (ONNX Runtime in ctpipe: {@code OrtPredictor}). */
public interface WindowPredictor extends AutoCloseable {
  int outputChannels();

  /** A buffer for {@code batch} inputs of N×1×R, reused between calls. */
  FloatBuffer inputBuffer(int batch);

  /** Runs the network on {@code batch} inputs; returns N×C×R outputs (position 0), valid until the next call. */
  FloatBuffer predict(int batch) throws Exception;

  /**
   * Runs the network on {@code batch} inputs and hands the outputs to {@code sink}, window after window, in slabs
   * of the window's first axis (each window's slabs in order). Here: one slab per window of {@code windowPlanes}
   * planes; a backend that makes its output slab by slab overrides it and never holds the whole output.
   */
  default void predictSlabs(int batch, int windowPlanes, SlabSink sink) throws Exception {
    FloatBuffer out = predict(batch);
    int perWindow = out.remaining() / batch;
    for (int b = 0; b < batch; b++) {
      sink.accept(b, 0, windowPlanes, out, b * perWindow);
    }
  }

  /** Gives the shared session or network back and frees this predictor's buffers. */
  @Override
  void close();
}
