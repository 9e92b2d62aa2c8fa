package io.ctpipe.models.runtime.onednn;

import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

/** The JVM's oneDNN CPU engine and the few memory helpers every lowering needs. */
final class Dnnl {
  private static engine cpu;

  private Dnnl() {}

  /** The one CPU engine of this JVM, created on first use (this loads the native library). */
  static synchronized engine engine() {
    if (cpu == null) {
      cpu = new engine(engine.kind.cpu, 0);
    }
    return cpu;
  }

  /** Channels-last layout of a tensor of this rank (N×C×spatial): nc, nwc, nhwc, ndhwc. */
  static memory.format_tag channelsLast(int rank) {
    return switch (rank) {
      case 2 -> memory.format_tag.nc;
      case 3 -> memory.format_tag.nwc;
      case 4 -> memory.format_tag.nhwc;
      case 5 -> memory.format_tag.ndhwc;
      default -> throw new IllegalArgumentException("tensors of rank " + rank + " are not laid out by the engine");
    };
  }

  /** Plain row-major layout of this rank (ONNX's own): a, ab, abc, abcd, abcde. */
  static memory.format_tag plain(int rank) {
    return switch (rank) {
      case 1 -> memory.format_tag.a;
      case 2 -> memory.format_tag.ab;
      case 3 -> memory.format_tag.abc;
      case 4 -> memory.format_tag.abcd;
      case 5 -> memory.format_tag.abcde;
      case 6 -> memory.format_tag.abcdef;
      default -> throw new IllegalArgumentException("tensors of rank " + rank + " are not laid out by the engine");
    };
  }

  static memory.desc desc(long[] dims, memory.data_type type, memory.format_tag tag) {
    return new memory.desc(dims, type, tag);
  }

  /** A descriptor with explicit strides (a transposed or sliced view of a buffer). */
  static memory.desc desc(long[] dims, memory.data_type type, long[] strides) {
    return new memory.desc(dims, type, strides);
  }

  /** A oneDNN-owned f32 memory holding these values in a plain layout. */
  static memory floats(long[] dims, float[] values) {
    memory m = new memory(desc(dims, memory.data_type.f32, plain(dims.length)), engine());
    new FloatPointer(m.get_data_handle()).capacity(values.length).put(values);
    return m;
  }

  /** A oneDNN-owned memory of {@code bytes} bytes (arenas and scratchpads). */
  static memory bytes(long bytes) {
    return new memory(desc(new long[] {Math.max(bytes, 1)}, memory.data_type.u8, memory.format_tag.a), engine());
  }

  /** Converts {@code source} once into a new memory of layout and type {@code target}. */
  static memory reordered(memory source, memory.desc target) {
    memory out = new memory(target, engine());
    try (stream s = new stream(engine()); reorder r = new reorder(source, out)) {
      r.execute(s, source, out);
      s._wait();
    }
    return out;
  }

  /** A pointer to an absolute native address (a slot inside an arena). */
  static Pointer at(long where) {
    return new Pointer() {
      {
        this.address = where;
      }
    };
  }

  /** A byte view of {@code bytes} bytes of a memory's buffer. */
  static java.nio.ByteBuffer view(memory m, long bytes) {
    return new BytePointer(m.get_data_handle()).capacity(bytes).limit(bytes).asByteBuffer()
        .order(java.nio.ByteOrder.nativeOrder());
  }
}
