package io.ctpipe.models.tiling;

import java.nio.FloatBuffer;

/**
 * Takes a network's outputs for part of a window: {@code planes} planes of the window's first axis from
 * {@code firstPlane} on, C × planes × (rest of the window) values at {@code offset}, valid only during the call.
 */
@FunctionalInterface
public interface SlabSink {
  void accept(int window, int firstPlane, int planes, FloatBuffer logits, int offset) throws Exception;
}
