package io.ctpipe.models.runtime.onednn;

import io.ctpipe.models.runtime.DirectFloats;
import io.ctpipe.models.tiling.WindowPredictor;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link WindowPredictor} on a shared {@link OneDnnNetwork}: per batch size, direct input and output buffers and a
 * {@link PlanContext} (stream, arena, scratchpad) made once and reused for every window. One per thread.
 */
public final class OneDnnPredictor implements WindowPredictor {
  private final OneDnnNetworks.Lease lease;
  private final int[] spatial;
  private final StepTimes times;
  private final Map<Integer, Context> contexts = new HashMap<>();
  private final int channels;

  private record Context(FloatBuffer input, FloatBuffer output, PlanContext plan) {}

  /**
   * @param spatial the input's spatial size (the ROI; 128×128 for body part regression slices)
   * @param times where to add per-step times (each step then waits for the previous: for benchmarks), or null
   */
  public OneDnnPredictor(OneDnnNetworks.Lease lease, int[] spatial, StepTimes times)
      throws UnsupportedModelException {
    this.lease = lease;
    this.spatial = spatial.clone();
    this.times = times;
    this.channels = (int) lease.network().plan(1, spatial).output.dims[1];
  }

  @Override
  public int outputChannels() {
    return channels;
  }

  @Override
  public FloatBuffer inputBuffer(int batch) {
    return context(batch).input();
  }

  @Override
  public FloatBuffer predict(int batch) {
    Context c = context(batch);
    c.plan().run();
    return c.output().clear();
  }

  /** Activation arena bytes of the plan for this batch size (per thread). */
  public long arenaBytes(int batch) {
    return compiled(batch).arenaBytes;
  }

  private Context context(int batch) {
    return contexts.computeIfAbsent(batch, b -> {
      CompiledPlan plan = compiled(b);
      FloatBuffer input = DirectFloats.allocate(plan.input.elements());
      FloatBuffer output = DirectFloats.allocate(plan.output.elements());
      return new Context(input, output, new PlanContext(plan, input, output, times));
    });
  }

  private CompiledPlan compiled(int batch) {
    try {
      return lease.network().plan(batch, spatial);
    } catch (UnsupportedModelException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    contexts.values().forEach(c -> c.plan().close());
    contexts.clear();
    lease.close();
  }
}
