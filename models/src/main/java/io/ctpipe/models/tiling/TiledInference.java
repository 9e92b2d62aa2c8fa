package io.ctpipe.models.tiling;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * MONAI-semantics sliding-window inference that returns labels (argmax over blended logits) without ever holding
 * more than the chosen accumulation needs. The volume is in model input order: axis 0 slowest, axis 2 fastest.
 */
public final class TiledInference {
  /** What a run did. */
  public record Stats(int windowsTotal, int windowsRun, int windowsSkipped, long accumulationBytes,
      long inferenceNanos, long blendNanos) {}

  /** Labels (channel index per voxel) and statistics. */
  public record Result(short[] labels, Stats stats) {}

  private TiledInference() {}

  public static Result run(float[] volume, int[] size, WindowPredictor predictor, TilingOptions options)
      throws Exception {
    if ((long) size[0] * size[1] * size[2] != volume.length) {
      throw new IllegalArgumentException("volume of " + volume.length + " voxels does not match size "
          + java.util.Arrays.toString(size));
    }
    WindowGrid grid = new WindowGrid(size, options.roi(), options.overlap());
    VoxelLayout layout = new VoxelLayout(size, options.roi());
    int streamAxis = options.streamAxis() >= 0 ? options.streamAxis() : busiestAxis(grid);
    short[] labels = new short[volume.length];
    LogitAccumulator accumulator = switch (options.accumulation()) {
      case FULL -> new FullAccumulator(layout, predictor.outputChannels(), labels);
      case STREAMING -> new StreamingAccumulator(layout, predictor.outputChannels(), streamAxis, false, labels);
      case STREAMING_FP16 -> new StreamingAccumulator(layout, predictor.outputChannels(), streamAxis, true, labels);
    };
    float[] weights = ImportanceMap.of(options.roi(), options.mode(), options.sigmaScale());
    List<WindowBox> windows = windows(grid, streamAxis);
    int rv = layout.windowVoxels();
    List<WindowBox> batch = new ArrayList<>(options.batch());
    FloatBuffer input = predictor.inputBuffer(options.batch());
    int skipped = 0;
    long inferenceNanos = 0;
    long blendNanos = 0;
    for (int i = 0; i < windows.size(); i++) {
      WindowBox box = windows.get(i);
      if (!Float.isNaN(options.skipBelow()) && allBelow(volume, layout, box, options.skipBelow())) {
        skipped++;
      } else {
        fillWindow(volume, layout, box, options.padValue(), input, batch.size() * rv);
        batch.add(box);
      }
      if (batch.size() == options.batch() || (i == windows.size() - 1 && !batch.isEmpty())) {
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
        batch.clear();
      }
    }
    accumulator.finishAll();
    return new Result(labels, new Stats(windows.size(), windows.size() - skipped, skipped, accumulator.bytes(),
        inferenceNanos, blendNanos));
  }

  /** Windows in enumeration order: the streaming axis outermost, the other two in axis order. */
  static List<WindowBox> windows(WindowGrid grid, int streamAxis) {
    int a1 = streamAxis == 0 ? 1 : 0;
    int a2 = streamAxis == 2 ? 1 : 2;
    List<WindowBox> out = new ArrayList<>(grid.windowCount());
    int[] start = new int[3];
    for (int s0 : grid.starts(streamAxis)) {
      for (int s1 : grid.starts(a1)) {
        for (int s2 : grid.starts(a2)) {
          start[streamAxis] = s0;
          start[a1] = s1;
          start[a2] = s2;
          out.add(WindowBox.of(grid, start));
        }
      }
    }
    return out;
  }

  private static int busiestAxis(WindowGrid grid) {
    int best = 0;
    for (int a = 1; a < 3; a++) {
      if (grid.starts(a).length > grid.starts(best).length) {
        best = a;
      }
    }
    return best;
  }

  private static boolean allBelow(float[] volume, VoxelLayout layout, WindowBox box, float threshold) {
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
  private static void fillWindow(float[] volume, VoxelLayout layout, WindowBox box, float pad, FloatBuffer input,
      int offset) {
    int[] roi = layout.roi;
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
