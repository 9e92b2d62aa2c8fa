package io.ctpipe.models.runtime.onednn;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A network compiled for one input shape and precision: its steps, and the arena layout of its activations (each
 * value given an offset so that values alive at the same time never overlap, and memory is reused as soon as a
 * value's last reader has run). Shared by every thread; each thread runs it through its own {@link PlanContext}.
 */
final class CompiledPlan {
  private static final long ALIGNMENT = 64;

  final List<Step> steps;
  final List<Value> values;
  final Value input;
  final Value output;
  final long arenaBytes;
  final long scratchpadBytes;
  /** True when the output is handed over slab by slab ({@link Step#slab}) and never written whole by a step. */
  final boolean slabbed;

  private CompiledPlan(List<Step> steps, List<Value> values, Value input, Value output, long arenaBytes,
      long scratchpadBytes) {
    this.steps = List.copyOf(steps);
    this.values = List.copyOf(values);
    this.input = input;
    this.output = output;
    this.arenaBytes = arenaBytes;
    this.scratchpadBytes = scratchpadBytes;
    this.slabbed = steps.stream().anyMatch(s -> s.slab != null);
  }

  static CompiledPlan of(List<Step> steps, List<Value> values, Value input, Value output) {
    for (int i = 0; i < steps.size(); i++) {
      for (Step.Operand o : steps.get(i).args.values()) {
        if (o instanceof Step.Bound b) {
          b.value().lastUse = Math.max(b.value().lastUse, i);
        }
      }
    }
    long arena = assignOffsets(values);
    long scratchpad = steps.stream().mapToLong(Step::scratchpadBytes).max().orElse(0);
    return new CompiledPlan(steps, values, input, output, arena, scratchpad);
  }

  /**
   * Greedy by size: the largest values are placed first, each at the lowest offset where it overlaps no placed value
   * alive at the same time (lifetimes are [producer, last reader]).
   */
  private static long assignOffsets(List<Value> values) {
    List<Value> order = new ArrayList<>(values.stream().filter(Value::inArena).toList());
    order.sort(Comparator.comparingLong(Value::bytes).reversed().thenComparingInt(v -> v.producer));
    List<Value> placed = new ArrayList<>();
    long end = 0;
    for (Value v : order) {
      List<Value> conflicts = new ArrayList<>();
      for (Value other : placed) {
        if (other.producer <= v.lastUse && v.producer <= other.lastUse) {
          conflicts.add(other);
        }
      }
      conflicts.sort(Comparator.comparingLong(other -> other.offset));
      long size = align(v.bytes());
      long candidate = 0;
      for (Value other : conflicts) {
        if (candidate + size <= other.offset) {
          break;
        }
        candidate = Math.max(candidate, align(other.offset + other.bytes()));
      }
      v.offset = candidate;
      placed.add(v);
      end = Math.max(end, candidate + size);
    }
    return end;
  }

  private static long align(long bytes) {
    return (bytes + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
  }

  /** Bytes of all activations if none shared memory (what the arena saves is measured against this). */
  long unplannedBytes() {
    return values.stream().filter(Value::inArena).mapToLong(Value::bytes).sum();
  }
}
