package io.ctpipe.models.runtime.onednn;

import java.nio.ByteBuffer;
import java.util.Map;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive;

/**
 * One step of a compiled plan: a oneDNN primitive with its arguments, or a small Java kernel (padding) on the
 * buffers of its input and output. Arguments are plan values (bound per thread) or constant memories (weights,
 * shared by all threads).
 */
final class Step {
  /** Where an argument's memory comes from. */
  sealed interface Operand permits Bound, Fixed {}

  /**
   * A plan value, optionally seen through another descriptor (a flatten, a plain-layout view, a slab starting
   * {@code byteOffset} bytes into the value).
   */
  record Bound(Value value, memory.desc view, long byteOffset) implements Operand {
    Bound(Value value, memory.desc view) {
      this(value, view, 0);
    }

    memory.desc desc() {
      return view != null ? view : value.desc();
    }
  }

  /** A constant memory: weights, biases, scales, shared by every thread. */
  record Fixed(memory memory) implements Operand {}

  /** A step computed in Java on byte views of its source and destination. */
  interface Kernel {
    void run(ByteBuffer source, ByteBuffer destination);
  }

  /** After this step, planes [firstPlane, firstPlane + planes) of window {@code window}'s output are in its slab. */
  record Slab(int window, int firstPlane, int planes, Value buffer) {}

  final String label;
  final String kind;
  final primitive primitive;
  final memory.desc scratchpad;
  final Map<Integer, Operand> args;
  final Kernel kernel;
  final Slab slab;

  Step(String label, String kind, primitive primitive, memory.desc scratchpad, Map<Integer, Operand> args,
      Kernel kernel) {
    this(label, kind, primitive, scratchpad, args, kernel, null);
  }

  Step(String label, String kind, primitive primitive, memory.desc scratchpad, Map<Integer, Operand> args,
      Kernel kernel, Slab slab) {
    this.label = label;
    this.kind = kind;
    this.primitive = primitive;
    this.scratchpad = scratchpad;
    this.args = Map.copyOf(args);
    this.kernel = kernel;
    this.slab = slab;
  }

  long scratchpadBytes() {
    return scratchpad == null ? 0 : scratchpad.get_size();
  }
}
