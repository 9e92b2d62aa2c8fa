package io.ctpipe.models.tiling;

import java.nio.FloatBuffer;

/** Runs a segmentation network on a batch of windows (ONNX Runtime in ctpipe: {@code OrtPredictor}). */
public interface WindowPredictor extends AutoCloseable {
  int outputChannels();

  /** A buffer for {@code batch} inputs of N×1×R, reused between calls. */
  FloatBuffer inputBuffer(int batch);

  /** Runs the network on {@code batch} inputs; returns N×C×R outputs (position 0), valid until the next call. */
  FloatBuffer predict(int batch) throws Exception;

  /** Gives the shared session or network back and frees this predictor's buffers. */
  @Override
  void close();
}
