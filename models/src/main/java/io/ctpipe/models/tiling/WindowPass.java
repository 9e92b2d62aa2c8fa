package io.ctpipe.models.tiling;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs windows through the network in batches and hands their logits, slab by slab, to an accumulator: air windows
 * skipped, each window's finished planes reduced before its first slab is added. Counts what it did across passes.
 */
final class WindowPass {
  private final float[] volume;
  private final VoxelLayout layout;
  private final WindowPredictor predictor;
  private final TilingOptions options;
  private final int streamAxis;
  private final float[] weights;
  private final FloatBuffer input;
  int windowsRun;
  int windowsSkipped;
  long inferenceNanos;
  long blendNanos;

  WindowPass(float[] volume, VoxelLayout layout, WindowPredictor predictor, TilingOptions options, int streamAxis) {
    this.volume = volume;
    this.layout = layout;
    this.predictor = predictor;
    this.options = options;
    this.streamAxis = streamAxis;
    this.weights = ImportanceMap.of(options.roi(), options.mode(), options.sigmaScale());
    this.input = predictor.inputBuffer(options.batch());
  }

  /** Runs {@code windows} (in enumeration order) into {@code accumulator}. */
  void run(List<WindowBox> windows, LogitAccumulator accumulator) throws Exception {
    int rv = layout.windowVoxels();
    List<WindowBox> batch = new ArrayList<>(options.batch());
    for (int i = 0; i < windows.size(); i++) {
      WindowBox box = windows.get(i);
      if (!Float.isNaN(options.skipBelow()) && allBelow(box, options.skipBelow())) {
        windowsSkipped++;
      } else {
        fillWindow(box, batch.size() * rv);
        batch.add(box);
      }
      if (batch.size() == options.batch() || (i == windows.size() - 1 && !batch.isEmpty())) {
        predict(batch, accumulator);
        windowsRun += batch.size();
        batch.clear();
      }
    }
  }

  private void predict(List<WindowBox> batch, LogitAccumulator accumulator) throws Exception {
    long t0 = System.nanoTime();
    long[] blending = new long[1];
    predictor.predictSlabs(batch.size(), options.roi()[0], (b, firstPlane, planes, logits, offset) -> {
      long s = System.nanoTime();
      WindowBox w = batch.get(b);
      if (firstPlane == 0) {
        accumulator.finishBefore(Math.max(0, w.start()[streamAxis]));
      }
      accumulator.add(w, firstPlane, planes, logits, offset, weights);
      blending[0] += System.nanoTime() - s;
    });
    blendNanos += blending[0];
    inferenceNanos += System.nanoTime() - t0 - blending[0];
  }

  private boolean allBelow(WindowBox box, float threshold) {
    for (int x = box.lo()[0]; x < box.hi()[0]; x++) {
      for (int y = box.lo()[1]; y < box.hi()[1]; y++) {
        int v = layout.index(x, y, box.lo()[2]);
        for (int z = box.lo()[2]; z < box.hi()[2]; z++, v++) {
          if (volume[v] >= threshold) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** Copies the window's image voxels into the input buffer and fills the rest with the pad value. */
  private void fillWindow(WindowBox box, int offset) {
    int[] roi = layout.roi;
    float pad = options.padValue();
    for (int i = 0; i < roi[0]; i++) {
      int x = box.start()[0] + i;
      for (int j = 0; j < roi[1]; j++) {
        int y = box.start()[1] + j;
        int row = offset + (i * roi[1] + j) * roi[2];
        boolean rowInside = x >= 0 && x < layout.size[0] && y >= 0 && y < layout.size[1];
        int zLo = box.lo()[2];
        int zHi = box.hi()[2];
        int before = zLo - box.start()[2];
        for (int k = 0; k < roi[2]; k++) {
          if (!rowInside || k < before || k >= before + (zHi - zLo)) {
            input.put(row + k, pad);
          }
        }
        if (rowInside && zHi > zLo) {
          input.put(row + before, volume, layout.index(x, y, zLo), zHi - zLo);
        }
      }
    }
  }
}
