package io.ctpipe.models.checkpoint;

import io.ctpipe.models.tiling.Half;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** The constructors a checkpoint may apply: tensors from storages, and numpy scalars. */
final class Tensors {
  private Tensors() {}

  /**
   * {@code _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])}: the
   * view checked against its storage and the tensor's bytes charged to the budget before they are allocated.
   */
  static Tensor rebuild(List<Object> args, CheckpointBudget budget) throws CheckpointException {
    if (args.size() < 4 || !(args.get(0) instanceof Storage storage)) {
      throw new CheckpointException("_rebuild_tensor_v2 needs a storage, an offset, a size and a stride; got "
          + args.size() + " arguments");
    }
    TensorView view = TensorView.of(args.get(1), args.get(2), args.get(3));
    int elements = (int) view.checkWithin(storage.elements()); // at most the storage's: below 2^30
    boolean integer = storage.type() == StorageType.INT64;
    budget.charge((long) elements * (integer ? Long.BYTES : Float.BYTES), "tensor " + view);
    long[] shape = view.shape();
    float[] floats = integer ? null : new float[elements];
    long[] longs = integer ? new long[elements] : null;
    long[] index = new long[shape.length];
    for (int n = 0; n < elements; n++) {
      long at = view.offset();
      for (int i = 0; i < shape.length; i++) {
        at += index[i] * view.strides()[i];
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
