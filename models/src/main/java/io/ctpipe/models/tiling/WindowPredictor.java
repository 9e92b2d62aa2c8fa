package io.ctpipe.models.tiling;

import java.nio.FloatBuffer;

/** Runs a segmentation network on a batch of windows (ONNX Runtime in ctpipe: {@code OnnxSegmentationModel}). */
public interface WindowPredictor {
  int outputChannels();

  /** A buffer for {@code batch} windows of N×1×R input, reused between calls. */
  FloatBuffer inputBuffer(int batch);

  /** Runs the network on the first {@code batch} windows of the input buffer; returns N×C×R logits, valid until the next call. */
  FloatBuffer predict(int batch) throws Exception;
}
