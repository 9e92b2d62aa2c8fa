package io.ctpipe.models.checkpoint;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the lists, tuples and dicts a pickle builds acyclic, shallow and small, so that printing, hashing or
 * walking the result can neither recurse forever nor run for ever. A container is sealed once it is put inside
 * another one and may not change after that: a pickle can then never put a container inside itself, directly or
 * through others, which {@code torch.save} never does. The depth and the expanded size (every value reachable,
 * counted once per path, as {@code toString} walks it) are tracked as containers grow.
 */
final class Nesting {
  /** Deepest nesting of containers; real checkpoints nest a handful of levels (config dicts). */
  static final int MAX_DEPTH = 64;
  /** Most values reachable from one container counted once per path: a shared tuple counts at each use. */
  static final long MAX_EXPANDED_VALUES = 2_000_000;

  /** What is known of one container. */
  private static final class Shape {
    boolean sealed;
    int depth;
    long expanded = 1;
  }

  private final Map<Object, Shape> shapes = new IdentityHashMap<>();

  /** Records that {@code item} is put inside {@code container} (a new tuple's items, an append, a dict value). */
  void insert(Object container, Object item, int at) throws CheckpointException {
    Shape child = isContainer(item) ? shapes.computeIfAbsent(item, k -> new Shape()) : null;
    if (child != null) {
      child.sealed = true;
    }
    Shape parent = shapes.computeIfAbsent(container, k -> new Shape());
    if (parent.sealed) {
      throw new CheckpointException("pickle changes a list or dict after putting it inside another container, or "
          + "puts one inside itself (at byte " + at + "): a self-referencing structure, refused");
    }
    int depth = child == null ? 1 : child.depth + 1;
    if (depth > MAX_DEPTH) {
      throw new CheckpointException("pickle nests containers deeper than " + MAX_DEPTH + " levels (at byte " + at
          + "): refused");
    }
    parent.depth = Math.max(parent.depth, depth);
    parent.expanded += child == null ? 1 : child.expanded;
    if (parent.expanded > MAX_EXPANDED_VALUES) {
      throw new CheckpointException("pickle builds a container reaching more than " + MAX_EXPANDED_VALUES
          + " values, counted once per path (at byte " + at + "): refused");
    }
  }

  static boolean isContainer(Object value) {
    return value instanceof List<?> || value instanceof Map<?, ?>;
  }
}
