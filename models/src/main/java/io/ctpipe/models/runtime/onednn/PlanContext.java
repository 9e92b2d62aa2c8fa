package io.ctpipe.models.runtime.onednn;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SCRATCHPAD;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.Pointer;

/**
 * One thread's state for running a {@link CompiledPlan}: a stream, the activation arena and the scratchpad
 * (allocated once), every step's arguments bound to them, and the caller's input and output buffers.
 */
final class PlanContext implements AutoCloseable {
  private final CompiledPlan plan;
  private final stream stream;
  private final memory arena;
  private final memory scratchpad;
  private final List<memory> owned = new ArrayList<>();
  private final IntMemoryMap[] args;
  private final StepTimes times;

  PlanContext(CompiledPlan plan, FloatBuffer input, FloatBuffer output, StepTimes times) {
    this.plan = plan;
    this.times = times;
    this.stream = new stream(Dnnl.engine());
    this.arena = Dnnl.bytes(plan.arenaBytes);
    this.scratchpad = Dnnl.bytes(plan.scratchpadBytes);
    long arenaBase = arena.get_data_handle().address();
    Map<Value, memory> bound = new IdentityHashMap<>();
    this.args = new IntMemoryMap[plan.steps.size()];
    for (int i = 0; i < args.length; i++) {
      Step step = plan.steps.get(i);
      IntMemoryMap map = new IntMemoryMap();
      for (Map.Entry<Integer, Step.Operand> e : step.args.entrySet()) {
        map.put(e.getKey(), memoryOf(e.getValue(), bound, arenaBase, input, output));
      }
      if (step.scratchpad != null && step.scratchpadBytes() > 0) {
        map.put(DNNL_ARG_SCRATCHPAD, keep(new memory(step.scratchpad, Dnnl.engine(), scratchpad.get_data_handle())));
      }
      args[i] = map;
    }
  }

  private memory memoryOf(Step.Operand operand, Map<Value, memory> bound, long arenaBase, FloatBuffer input,
      FloatBuffer output) {
    if (operand instanceof Step.Fixed f) {
      return f.memory();
    }
    Step.Bound b = (Step.Bound) operand;
    if (b.view() == null && bound.containsKey(b.value())) {
      return bound.get(b.value());
    }
    long base = switch (b.value().home) {
      case INPUT -> new Pointer(input).address();
      case OUTPUT -> new Pointer(output).address();
      case ARENA, SLAB -> arenaBase + b.value().offset;
    };
    Pointer where = Dnnl.at(base + b.byteOffset());
    memory m = keep(new memory(b.desc(), Dnnl.engine(), where));
    if (b.view() == null) {
      bound.put(b.value(), m);
    }
    return m;
  }

  private memory keep(memory m) {
    owned.add(m);
    return m;
  }

  /** What receives each slab of the output as soon as it is made (slabbed plans). */
  interface SlabListener {
    void slab(Step.Slab slab, java.nio.FloatBuffer values) throws Exception;
  }

  /**
   * Runs every step on the bound input. A plain plan leaves the result in the output buffer; a slabbed plan hands
   * each slab of the output to {@code listener} as it is made.
   */
  void run(SlabListener listener) throws Exception {
    for (int i = 0; i < args.length; i++) {
      Step step = plan.steps.get(i);
      long t0 = times != null ? System.nanoTime() : 0;
      if (step.kernel != null) {
        stream._wait();
        memory from = args[i].get(DNNL_ARG_FROM);
        memory to = args[i].get(DNNL_ARG_DST);
        step.kernel.run(Dnnl.view(from, from.get_desc().get_size()), Dnnl.view(to, to.get_desc().get_size()));
      } else {
        step.primitive.execute(stream, args[i]);
      }
      if (times != null) {
        stream._wait();
        times.add(step.kind, System.nanoTime() - t0);
      }
      if (step.slab != null) {
        stream._wait();
        memory slab = args[i].get(DNNL_ARG_TO);
        listener.slab(step.slab, Dnnl.view(slab, step.slab.buffer().bytes()).asFloatBuffer());
      }
    }
    stream._wait();
  }

  @Override
  public void close() {
    for (IntMemoryMap m : args) {
      m.close();
    }
    owned.forEach(memory::close);
    owned.clear();
    arena.close();
    scratchpad.close();
    stream.close();
  }
}
