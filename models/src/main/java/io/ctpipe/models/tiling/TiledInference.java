package io.ctpipe.models.tiling;

import java.util.ArrayList;
import java.util.List;

/**
 * MONAI-semantics sliding-window inference that returns labels (argmax over blended logits) without ever holding
 * more than the chosen accumulation needs. The volume is in model input order: axis 0 slowest, axis 2 fastest.
 */
public final class TiledInference {
  /**
   * TOPK's recheck holds at most max(its first pass's accumulation, this) at once: 32 MiB, the size of the slabs the
   * oneDNN engine hands over, so that thin volumes (whose band is small) recheck in one round.
   */
  public static final long RECHECK_FLOOR_BYTES = 32L << 20;

  /**
   * What a run did.
   *
   * @param windowsTotal windows of the grid
   * @param windowsRun network runs of a window (a window touching several plane tiles runs once per tile)
   * @param windowsSkipped window passes skipped as air (by the first pass)
   * @param accumulationBytes the largest accumulation held at once
   * @param exactVoxels voxels whose label is proven equal to FULL's (all of them for FULL and STREAMING, and for
   *     TOPK with the recheck), or -1 when the accumulation cannot tell (STREAMING_FP16)
   * @param windowsRechecked of {@code windowsRun}, the runs of TOPK's recheck
   * @param voxelsRechecked of {@code exactVoxels}, the voxels TOPK's first pass could not prove and its recheck
   *     gave FULL's sums
   * @param recheckBytes the most the recheck held at once (after the first pass's accumulation was freed)
   */
  public record Stats(int windowsTotal, int windowsRun, int windowsSkipped, long accumulationBytes,
      long exactVoxels, long inferenceNanos, long blendNanos, int windowsRechecked, long voxelsRechecked,
      long recheckBytes) {}

  /** Labels (channel index per voxel) and statistics. */
  public record Result(short[] labels, Stats stats) {}

  private TiledInference() {}

  /** {@link #run(float[], int[], WindowPredictor, TilingOptions, int)} on every available processor. */
  public static Result run(float[] volume, int[] size, WindowPredictor predictor, TilingOptions options)
      throws Exception {
    return run(volume, size, predictor, options, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Runs the volume; blending, accumulation and the argmax use {@code threads} threads (the labels do not depend on
   * how many).
   */
  public static Result run(float[] volume, int[] size, WindowPredictor predictor, TilingOptions options, int threads)
      throws Exception {
    if ((long) size[0] * size[1] * size[2] != volume.length) {
      throw new IllegalArgumentException("volume of " + volume.length + " voxels does not match size "
          + java.util.Arrays.toString(size));
    }
    WindowGrid grid = new WindowGrid(size, options.roi(), options.overlap());
    VoxelLayout layout = new VoxelLayout(size, options.roi());
    int streamAxis = options.streamAxis() >= 0 ? options.streamAxis() : busiestAxis(grid);
    try (Workers workers = new Workers(threads)) {
      return run(volume, layout, grid, predictor, options, streamAxis, workers);
    }
  }

  private static Result run(float[] volume, VoxelLayout layout, WindowGrid grid, WindowPredictor predictor,
      TilingOptions options, int streamAxis, Workers workers) throws Exception {
    int[] size = layout.size;
    short[] labels = new short[volume.length];
    List<WindowBox> windows = windows(grid, streamAxis);
    WindowPass pass = new WindowPass(volume, layout, predictor, options, streamAxis);
    long bytes = 0;
    long exact = 0;
    for (Region tile : PlaneTiles.of(size, streamAxis, options.planeTile())) {
      LogitAccumulator accumulator = accumulator(options, layout, predictor.outputChannels(), streamAxis, tile,
          workers, labels);
      pass.run(windows.stream().filter(tile::touches).toList(), accumulator);
      accumulator.finishAll();
      bytes = Math.max(bytes, accumulator.bytes());
      exact = exact < 0 || accumulator.exactVoxels() < 0 ? -1 : exact + accumulator.exactVoxels();
    }
    int firstPassRuns = pass.windowsRun;
    int skipped = pass.windowsSkipped;
    Recheck recheck = new Recheck(layout, predictor.outputChannels(), Math.max(bytes, RECHECK_FLOOR_BYTES));
    if (rechecks(options)) {
      recheck.run(labels, windows, pass);
      exact += recheck.voxels;
    }
    return new Result(labels, new Stats(windows.size(), pass.windowsRun, skipped, bytes, exact,
        pass.inferenceNanos, pass.blendNanos, pass.windowsRun - firstPassRuns, recheck.voxels, recheck.bytes));
  }

  private static boolean rechecks(TilingOptions options) {
    return options.accumulation() == Accumulation.TOPK && options.recheck();
  }

  private static LogitAccumulator accumulator(TilingOptions options, VoxelLayout layout, int channels,
      int streamAxis, Region tile, Workers workers, short[] labels) {
    Band band = new Band(layout, streamAxis, tile);
    return switch (options.accumulation()) {
      case FULL -> new FullAccumulator(layout, channels, workers, labels);
      case STREAMING -> new StreamingAccumulator(band, channels, false, workers, labels);
      case STREAMING_FP16 -> new StreamingAccumulator(band, channels, true, workers, labels);
      case TOPK -> new TopKAccumulator(band, channels, options.topK(), options.recheck(), workers, labels);
    };
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
}
