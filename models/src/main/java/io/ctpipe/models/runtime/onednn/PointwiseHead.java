package io.ctpipe.models.runtime.onednn;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;

import java.util.HashMap;
import java.util.Map;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.reorder;

/**
 * The last layer of a segmentation network, a 1×…×1 convolution to C classes, run slab by slab along the slowest
 * spatial axis: each slab is convolved channels-last into a small buffer (the fast kernel), reordered into ONNX's
 * C×planes×… order in a second small buffer and handed over ({@link Step.Slab}): to the accumulator directly, or
 * copied into the whole output for callers that want it. The C-channel map (hundreds of MB for 100+ classes) need
 * never exist whole. (A convolution or matrix product writing the plain layout directly falls to oneDNN's reference
 * kernels: 30 s instead of 0.05 s for 118 classes at 96³.)
 */
final class PointwiseHead {
  /** Largest slab buffer. */
  private static final long SLAB_BYTES = 32L << 20;

  private PointwiseHead() {}

  /** A 1×…×1, stride-1, unpadded, ungrouped 3D convolution producing the graph's output (nothing fused after it). */
  static boolean applies(PlanCompiler c, OnnxNode n, ConvLowering.Geometry g) {
    if (!c.isGraphOutput(n.output()) || g.group() != 1 || g.kernel().length != 3) {
      return false;
    }
    for (int i = 0; i < g.kernel().length; i++) {
      if (g.kernel()[i] != 1 || g.strides()[i] != 1 || g.padL()[i] != 0 || g.padR()[i] != 0) {
        return false;
      }
    }
    return true;
  }

  static void lower(PlanCompiler c, OnnxNode n, Value x, ConstantTensor w, long outChannels)
      throws UnsupportedModelException {
    long batch = x.dims[0];
    long k = x.channels();
    long depth = x.dims[2];
    long plane = x.dims[3] * x.dims[4];
    long elementBytes = memory.data_type_size(x.type);
    long slab = slabDepth(depth, outChannels * plane * elementBytes);
    long[] slabIn = {1, k, slab, x.dims[3], x.dims[4]};
    long[] slabOut = {1, outChannels, slab, x.dims[3], x.dims[4]};
    ConstantTensor bias = c.optionalConstant(n, 2, "bias");
    memory.desc wAny = Dnnl.desc(w.dims(), c.weightType(), memory.format_tag.any);
    convolution_forward.primitive_desc pd = new convolution_forward.primitive_desc(Dnnl.engine(),
        dnnl.prop_kind.forward_inference, dnnl.algorithm.convolution_direct, c.activationDesc(slabIn), wAny,
        Dnnl.desc(new long[] {outChannels}, memory.data_type.f32, memory.format_tag.a), c.activationDesc(slabOut),
        new long[] {1, 1, 1}, new long[] {0, 0, 0}, new long[] {0, 0, 0}, new long[] {0, 0, 0},
        PlanCompiler.attributes(null), false);
    float[] biasValues = bias == null ? new float[(int) outChannels] : bias.asFloats();
    Step.Fixed weights = new Step.Fixed(c.weights().reordered(n.input(1), w, w.dims(), Dnnl.plain(5),
        pd.weights_desc()));
    Step.Fixed biasMemory = new Step.Fixed(c.weights().constant(n.input(2) + "#head", new long[] {outChannels},
        biasValues));
    long[] outDims = x.dims.clone();
    outDims[1] = outChannels;
    Value buffer = c.newArenaValue(n.output() + "#slab", slabOut, c.activationType());
    Value plain = c.newSlabValue(n.output() + "#plain", slabOut);
    c.outputValue(n.output(), outDims);
    reorder.primitive_desc write = new reorder.primitive_desc(Dnnl.engine(), buffer.desc(), Dnnl.engine(),
        plain.desc(), PlanCompiler.attributes(null), false);
    convolution_forward convolution = new convolution_forward(pd);
    reorder writer = new reorder(write);
    for (long b = 0; b < batch; b++) {
      for (long z = 0; z < depth; z += slab) {
        Map<Integer, Step.Operand> args = new HashMap<>();
        args.put(DNNL_ARG_SRC, new Step.Bound(x, c.activationDesc(slabIn), ((b * depth + z) * plane * k)
            * elementBytes));
        args.put(DNNL_ARG_WEIGHTS, weights);
        args.put(DNNL_ARG_BIAS, biasMemory);
        args.put(DNNL_ARG_DST, new Step.Bound(buffer, null));
        c.addStep(new Step(n.describe() + " slab " + b + "/" + z, "convolution", convolution, pd.scratchpad_desc(),
            args, null));
        c.addStep(new Step(n.describe() + " slab " + b + "/" + z + " to ONNX order", "reorder", writer,
            write.scratchpad_desc(), Map.of(DNNL_ARG_FROM, new Step.Bound(buffer, null), DNNL_ARG_TO,
                new Step.Bound(plain, null)), null, new Step.Slab((int) b, (int) z, (int) slab, plain)));
      }
    }
  }

  /** The largest divisor of {@code depth} whose slab fits {@link #SLAB_BYTES} (at least 1). */
  private static long slabDepth(long depth, long bytesPerPlane) {
    long best = 1;
    for (long d = 1; d <= depth; d++) {
      if (depth % d == 0 && d * bytesPerPlane <= SLAB_BYTES) {
        best = d;
      }
    }
    return best;
  }
}
