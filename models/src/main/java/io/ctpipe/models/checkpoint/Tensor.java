package io.ctpipe.models.checkpoint;

import java.util.Arrays;

/**
 * A tensor rebuilt from a checkpoint, contiguous in row-major order: float values for float32, float16 and
 * bfloat16 storages, whole numbers for int64 ones.
 *
 * @param dtype the storage type's element name: float32, float16, bfloat16 or int64
 */
public record Tensor(String dtype, long[] shape, float[] floats, long[] longs) {
  public long elementCount() {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  /** The shape as PyTorch prints it, e.g. [32, 1, 3, 3, 3]. */
  public String shapeText() {
    return Arrays.toString(shape);
  }
}
