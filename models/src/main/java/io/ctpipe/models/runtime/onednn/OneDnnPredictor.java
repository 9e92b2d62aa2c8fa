package io.ctpipe.models.runtime.onednn;

import io.ctpipe.models.runtime.DirectFloats;
import io.ctpipe.models.tiling.SlabSink;
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

  /** One batch size's buffers; for a slabbed plan the whole output is made only if {@link #predict} asks. */
  private static final class Context {
    final CompiledPlan compiled;
    final FloatBuffer input;
    final PlanContext plan;
    FloatBuffer output;

    Context(CompiledPlan compiled, FloatBuffer input, FloatBuffer output, PlanContext plan) {
      this.compiled = compiled;
      this.input = input;
      this.output = output;
      this.plan = plan;
    }
  }

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
    return context(batch).input;
  }

  @Override
  public FloatBuffer predict(int batch) throws Exception {
    Context c = context(batch);
    if (!c.compiled.slabbed) {
      c.plan.run(null);
      return c.output.clear();
    }
    if (c.output == null) {
      c.output = DirectFloats.allocate(c.compiled.output.elements());
    }
    long[] dims = c.compiled.output.dims;
    int planeVoxels = (int) (dims[3] * dims[4]);
    int windowVoxels = (int) (dims[2] * planeVoxels);
    int channels = (int) dims[1];
    FloatBuffer whole = c.output;
    c.plan.run((slab, values) -> {
      int n = slab.planes() * planeVoxels;
      for (int ch = 0; ch < channels; ch++) {
        whole.put((slab.window() * channels + ch) * windowVoxels + slab.firstPlane() * planeVoxels, values,
            ch * n, n);
      }
    });
    return whole.clear();
  }

  /** Hands the head's slabs straight to {@code sink}: the whole C-channel output is never made. */
  @Override
  public void predictSlabs(int batch, int windowPlanes, SlabSink sink) throws Exception {
    Context c = context(batch);
    if (!c.compiled.slabbed) {
      WindowPredictor.super.predictSlabs(batch, windowPlanes, sink);
      return;
    }
    c.plan.run((slab, values) -> sink.accept(slab.window(), slab.firstPlane(), slab.planes(), values, 0));
  }

  OneDnnNetworks.Lease lease() {
    return lease;
  }

  private Context context(int batch) {
    return contexts.computeIfAbsent(batch, b -> {
      CompiledPlan plan = compiled(b);
      FloatBuffer input = DirectFloats.allocate(plan.input.elements());
      FloatBuffer output = plan.slabbed ? null : DirectFloats.allocate(plan.output.elements());
      return new Context(plan, input, output, new PlanContext(plan, input, output, times));
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
    contexts.values().forEach(c -> c.plan.close());
    contexts.clear();
    lease.close();
  }
}
