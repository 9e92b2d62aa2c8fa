package io.ctpipe.models.runtime.onednn;

import static io.ctpipe.models.runtime.onednn.OpLowerings.unsupported;

import java.nio.ByteBuffer;
import org.bytedeco.dnnl.memory;

/**
 * ONNX Pad (constant, edge, reflect) of the spatial axes, computed in Java on channels-last data: each output voxel
 * copies the C channel values of its source voxel, or the constant. oneDNN has no padding primitive.
 */
final class PadKernel implements Step.Kernel {
  private final int[] in;
  private final int[] out;
  private final int[] before;
  private final String mode;
  private final int voxelBytes;
  private final byte[] fill;

  private PadKernel(int[] in, int[] out, int[] before, String mode, int voxelBytes, byte[] fill) {
    this.in = in;
    this.out = out;
    this.before = before;
    this.mode = mode;
    this.voxelBytes = voxelBytes;
    this.fill = fill;
  }

  static void lower(PlanCompiler c, OnnxNode n) throws UnsupportedModelException {
    Value x = c.value(n.input(0));
    long[] pads = n.inputs().size() > 1 && !n.input(1).isEmpty() ? c.constant(n, 1, "pads").asInts()
        : n.ints("pads", null);
    if (pads == null || pads.length != 2 * x.rank() || (n.inputs().size() > 3 && !n.input(3).isEmpty())) {
      throw unsupported(n, "needs constant pads for every axis (no axes input)");
    }
    String mode = n.text("mode", "constant");
    if (!mode.equals("constant") && !mode.equals("edge") && !mode.equals("reflect")) {
      throw unsupported(n, "mode " + mode + " is not supported");
    }
    int rank = x.rank();
    if (pads[0] != 0 || pads[1] != 0 || pads[rank] != 0 || pads[rank + 1] != 0) {
      throw unsupported(n, "padding the batch or channel axis is not supported");
    }
    float value = n.inputs().size() > 2 && !n.input(2).isEmpty() ? c.constant(n, 2, "constant_value").asFloats()[0]
        : n.real("value", 0f);
    int[] in = new int[3];
    int[] out = new int[3];
    int[] before = new int[3];
    long[] outDims = x.dims.clone();
    for (int a = 0; a < 3; a++) {
      int axis = a + 2 - (5 - rank);
      boolean present = axis >= 2;
      in[a] = present ? (int) x.dims[axis] : 1;
      before[a] = present ? (int) pads[axis] : 0;
      out[a] = present ? (int) (x.dims[axis] + pads[axis] + pads[axis + rank]) : 1;
      if (present) {
        outDims[axis] = out[a];
      }
      if (present && (pads[axis] < 0 || pads[axis + rank] < 0)) {
        throw unsupported(n, "negative pads (cropping) are not supported");
      }
      if (present && mode.equals("reflect") && (pads[axis] >= in[a] || pads[axis + rank] >= in[a])) {
        throw unsupported(n, "reflect padding must be smaller than the axis");
      }
    }
    int element = (int) memory.data_type_size(c.activationType());
    if (x.elements() * element > Integer.MAX_VALUE || java.util.Arrays.stream(outDims).reduce(element,
        (a, b) -> a * b) > Integer.MAX_VALUE) {
      throw unsupported(n, "padding tensors over 2 GiB is not supported");
    }
    byte[] fill = fillBytes(value, c.activationType(), (int) x.channels());
    long batches = x.dims[0];
    PadKernel kernel = new PadKernel(in, out, before, mode, element * (int) x.channels(), fill);
    c.emitKernel(n, "pad (Java)", x, outDims, (src, dst) -> kernel.run(src, dst, batches));
  }

  private static byte[] fillBytes(float value, memory.data_type type, int channels) {
    boolean bf16 = type == memory.data_type.bf16;
    ByteBuffer one = ByteBuffer.allocate(bf16 ? 2 : 4).order(java.nio.ByteOrder.nativeOrder());
    if (bf16) {
      one.putShort(Bf16.fromFloat(value));
    } else {
      one.putFloat(value);
    }
    byte[] voxel = new byte[one.capacity() * channels];
    for (int ch = 0; ch < channels; ch++) {
      System.arraycopy(one.array(), 0, voxel, ch * one.capacity(), one.capacity());
    }
    return voxel;
  }

  @Override
  public void run(ByteBuffer source, ByteBuffer destination) {
    run(source, destination, 1);
  }

  private void run(ByteBuffer source, ByteBuffer destination, long batches) {
    long inVoxels = (long) in[0] * in[1] * in[2];
    long outVoxels = (long) out[0] * out[1] * out[2];
    for (long b = 0; b < batches; b++) {
      for (int z = 0; z < out[0]; z++) {
        int sz = source(z, 0);
        for (int y = 0; y < out[1]; y++) {
          int sy = source(y, 1);
          for (int x = 0; x < out[2]; x++) {
            int sx = source(x, 2);
            long o = ((b * outVoxels) + ((long) z * out[1] + y) * out[2] + x) * voxelBytes;
            if (sz < 0 || sy < 0 || sx < 0) {
              destination.put((int) o, fill);
            } else {
              long s = ((b * inVoxels) + ((long) sz * in[1] + sy) * in[2] + sx) * voxelBytes;
              destination.put((int) o, source, (int) s, voxelBytes);
            }
          }
        }
      }
    }
  }

  /** The source index along an axis for output index {@code i}, or −1 for the constant. */
  private int source(int i, int axis) {
    int s = i - before[axis];
    int n = in[axis];
    if (s >= 0 && s < n) {
      return s;
    }
    return switch (mode) {
      case "edge" -> Math.max(0, Math.min(n - 1, s));
      case "reflect" -> s < 0 ? -s : 2 * (n - 1) - s;
      default -> -1;
    };
  }
}
