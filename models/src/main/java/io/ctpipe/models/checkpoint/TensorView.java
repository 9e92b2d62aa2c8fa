package io.ctpipe.models.checkpoint;

import java.util.Arrays;
import java.util.List;

/**
 * Where a tensor's elements lie in its storage ({@code storage_offset}, {@code size}, {@code stride}), checked
 * before anything is copied: every element inside the storage and no two elements on the same storage element.
 * A stride of 0 or overlapping strides would let a few bytes of storage claim gigabytes of tensor; state dicts
 * never hold such views (a transposed or sliced tensor is fine). So a tensor never has more elements than its
 * storage.
 */
record TensorView(long offset, long[] shape, long[] strides) {
  /** Most dimensions read (3D convolution weights have 5). */
  private static final int MAX_DIMENSIONS = 8;

  /** The view of {@code _rebuild_tensor_v2}'s offset, size and stride arguments, their types checked. */
  static TensorView of(Object offset, Object size, Object stride) throws CheckpointException {
    if (!(offset instanceof Long start) || !(size instanceof List<?> sizes) || !(stride instanceof List<?> steps)
        || sizes.size() != steps.size() || sizes.size() > MAX_DIMENSIONS) {
      throw new CheckpointException("tensor offset, size and stride are not a number and two tuples of the same "
          + "length (at most " + MAX_DIMENSIONS + ")");
    }
    long[] shape = longs(sizes);
    long[] strides = longs(steps);
    if (start < 0 || Arrays.stream(shape).anyMatch(n -> n < 0) || Arrays.stream(strides).anyMatch(n -> n < 0)) {
      throw new CheckpointException("tensor offset " + start + ", size " + Arrays.toString(shape) + " or stride "
          + Arrays.toString(strides) + " is negative");
    }
    return new TensorView(start, shape, strides);
  }

  private static long[] longs(List<?> values) throws CheckpointException {
    long[] out = new long[values.size()];
    for (int i = 0; i < out.length; i++) {
      if (!(values.get(i) instanceof Long n)) {
        throw new CheckpointException("tensor size or stride holds a " + (values.get(i) == null ? "None"
            : values.get(i).getClass().getSimpleName()) + ", not a whole number");
      }
      out[i] = n;
    }
    return out;
  }

  /**
   * Checks the view against a storage of {@code storageElements} and returns its element count (at most the
   * storage's).
   */
  long checkWithin(long storageElements) throws CheckpointException {
    long elements = 1;
    for (long n : shape) {
      elements = n > 0 && elements > storageElements / n ? Long.MAX_VALUE : elements * n;
    }
    if (elements == 0) {
      return 0;
    }
    Integer[] order = new Integer[shape.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> Long.compare(strides[a], strides[b]));
    long reach = 0; // the largest offset the dimensions with smaller strides reach
    for (int i : order) {
      if (shape[i] > 1) {
        if (strides[i] <= reach) {
          throw new CheckpointException("tensor " + this + " maps several of its elements to one storage element "
              + "(a stride of 0 or overlapping strides): refused, since such a view can claim far more memory "
              + "than its storage holds");
        }
        try {
          reach = Math.addExact(reach, Math.multiplyExact(shape[i] - 1, strides[i]));
        } catch (ArithmeticException e) {
          reach = Long.MAX_VALUE; // far beyond any storage
        }
      }
    }
    long last = reach > Long.MAX_VALUE - offset ? Long.MAX_VALUE : offset + reach;
    if (last >= storageElements) {
      throw new CheckpointException("tensor " + this + " reaches element " + last + " of a storage of "
          + storageElements);
    }
    return elements;
  }

  @Override
  public String toString() {
    return "of size " + Arrays.toString(shape) + " with stride " + Arrays.toString(strides) + " at offset "
        + offset;
  }
}
