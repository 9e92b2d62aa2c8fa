package io.ctpipe.models.checkpoint;

import io.ctpipe.models.tiling.Half;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** The constructors a checkpoint may apply: tensors from storages, and numpy scalars. */
final class Tensors {
  /** Largest tensor ctpipe rebuilds: 2^31 − 1 elements (8 GB as float32). */
  private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

  private Tensors() {}

  /** {@code _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])}. */
  static Tensor rebuild(List<Object> args) throws CheckpointException {
    if (args.size() < 4 || !(args.get(0) instanceof Storage storage)) {
      throw new CheckpointException("_rebuild_tensor_v2 needs a storage, an offset, a size and a stride; got "
          + args.size() + " arguments");
    }
    long offset = (Long) args.get(1);
    List<?> size = (List<?>) args.get(2);
    List<?> stride = (List<?>) args.get(3);
    if (size.size() != stride.size() || size.size() > 8) {
      throw new CheckpointException("tensor size " + size + " and stride " + stride + " do not match");
    }
    long[] shape = new long[size.size()];
    long[] steps = new long[size.size()];
    long elements = 1;
    long last = offset;
    for (int i = 0; i < shape.length; i++) {
      shape[i] = (Long) size.get(i);
      steps[i] = (Long) stride.get(i);
      if (shape[i] < 0 || steps[i] < 0) {
        throw new CheckpointException("tensor size " + size + " or stride " + stride + " is negative");
      }
      elements = Math.multiplyExact(elements, shape[i]);
      if (shape[i] > 0) {
        last = Math.addExact(last, Math.multiplyExact(shape[i] - 1, steps[i]));
      }
    }
    if (elements > MAX_ELEMENTS) {
      throw new CheckpointException("tensor of " + elements + " elements exceeds ctpipe's limit of " + MAX_ELEMENTS);
    }
    if (offset < 0 || (elements > 0 && last >= storage.elements())) {
      throw new CheckpointException("tensor " + size + " at offset " + offset + " with stride " + stride
          + " reaches element " + last + " of a storage of " + storage.elements());
    }
    boolean integer = storage.type() == StorageType.INT64;
    float[] floats = integer ? null : new float[(int) elements];
    long[] longs = integer ? new long[(int) elements] : null;
    long[] index = new long[shape.length];
    for (int n = 0; n < elements; n++) {
      long at = offset;
      for (int i = 0; i < shape.length; i++) {
        at += index[i] * steps[i];
      }
      if (integer) {
        longs[n] = storage.data().getLong((int) (at * 8));
      } else {
        floats[n] = read(storage, at);
      }
      for (int i = shape.length - 1; i >= 0; i--) {
        if (++index[i] < shape[i]) {
          break;
        }
        index[i] = 0;
      }
    }
    return new Tensor(storage.type().dtype(), shape, floats, longs);
  }

  private static float read(Storage storage, long element) {
    ByteBuffer data = storage.data();
    return switch (storage.type()) {
      case FLOAT32 -> data.getFloat((int) (element * 4));
      case FLOAT16 -> Half.toFloat(data.getShort((int) (element * 2)));
      case BFLOAT16 -> Float.intBitsToFloat((data.getShort((int) (element * 2)) & 0xFFFF) << 16);
      case INT64 -> data.getLong((int) (element * 8));
    };
  }

  /** {@code numpy.core.multiarray.scalar(dtype, bytes)} for float64, float32 and int64 scalars. */
  static Object numpyScalar(List<Object> args) throws CheckpointException {
    if (args.size() != 2 || !(args.get(0) instanceof String dtype) || !(args.get(1) instanceof byte[] bytes)) {
      throw new CheckpointException("numpy scalar with arguments " + args.size() + " is not read by ctpipe");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    return switch (dtype + ":" + bytes.length) {
      case "f8:8" -> b.getDouble();
      case "f4:4" -> (double) b.getFloat();
      case "i8:8" -> b.getLong();
      case "i4:4" -> (long) b.getInt();
      default -> throw new CheckpointException("numpy scalar of dtype " + dtype + " is not read by ctpipe");
    };
  }
}
