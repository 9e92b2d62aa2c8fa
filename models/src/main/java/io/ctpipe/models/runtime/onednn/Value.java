package io.ctpipe.models.runtime.onednn;

import org.bytedeco.dnnl.memory;

/**
 * A tensor of the compiled plan: its dimensions and type, channels-last, where it lives (a slot of the per-thread
 * arena, or the caller's input or output buffer) and the steps that produce and last read it.
 */
final class Value {
  /** Where a value lives: the arena (channels-last), the caller's buffers, or an arena slab in ONNX's plain order. */
  enum Home { ARENA, INPUT, OUTPUT, SLAB }

  final String name;
  final long[] dims;
  final memory.data_type type;
  final Home home;
  final int producer;
  int lastUse;
  long offset = -1;

  Value(String name, long[] dims, memory.data_type type, Home home, int producer) {
    this.name = name;
    this.dims = dims.clone();
    this.type = type;
    this.home = home;
    this.producer = producer;
    this.lastUse = producer;
  }

  int rank() {
    return dims.length;
  }

  long channels() {
    return dims[1];
  }

  long elements() {
    long n = 1;
    for (long d : dims) {
      n *= d;
    }
    return n;
  }

  long bytes() {
    return elements() * memory.data_type_size(type);
  }

  /** The engine's layout: channels-last for activations, plain row-major for the caller's output and slabs of it. */
  memory.desc desc() {
    return Dnnl.desc(dims, type, home == Home.OUTPUT || home == Home.SLAB ? Dnnl.plain(rank())
        : Dnnl.channelsLast(rank()));
  }

  boolean inArena() {
    return home == Home.ARENA || home == Home.SLAB;
  }

  long[] spatial() {
    return java.util.Arrays.copyOfRange(dims, 2, dims.length);
  }
}
