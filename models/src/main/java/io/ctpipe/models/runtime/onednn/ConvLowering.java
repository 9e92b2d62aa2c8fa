package io.ctpipe.models.runtime.onednn;

import static io.ctpipe.models.runtime.onednn.OpLowerings.dims;
import static io.ctpipe.models.runtime.onednn.OpLowerings.minusOne;
import static io.ctpipe.models.runtime.onednn.OpLowerings.ones;
import static io.ctpipe.models.runtime.onednn.OpLowerings.unsupported;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.deconvolution_forward;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive_desc;

/** Conv and ConvTranspose (1D, 2D, 3D; bias, stride, dilation, padding, groups) as direct oneDNN kernels. */
final class ConvLowering {
  private ConvLowering() {}

  static void conv(PlanCompiler c, OnnxNode n) throws UnsupportedModelException {
    Value x = c.value(n.input(0));
    ConstantTensor w = c.constant(n, 1, "weights");
    Geometry g = Geometry.of(n, x, w);
    long oc = w.dims()[0];
    if (x.channels() != w.dims()[1] * g.group) {
      throw unsupported(n, "input has " + x.channels() + " channels, weights expect " + w.dims()[1] * g.group);
    }
    long[] out = new long[g.kernel.length];
    for (int i = 0; i < out.length; i++) {
      long span = (g.kernel[i] - 1) * g.dilations[i] + 1;
      out[i] = (x.dims[i + 2] + g.padL[i] + g.padR[i] - span) / g.strides[i] + 1;
    }
    QdqPattern.QuantizedWeights int8 = c.quantizedWeights(n.input(1));
    if (int8 == null && PointwiseHead.applies(c, n, g)) {
      PointwiseHead.lower(c, n, x, w, oc);
      return;
    }
    long[] wDims = g.group == 1 ? w.dims() : grouped(g.group, oc / g.group, w.dims()[1], g.kernel);
    if (int8 != null) {
      Int8Convolution.lower(c, n, x, int8, wDims, g, dims(x.dims[0], oc, out));
      return;
    }
    build(c, n, x, w, wDims, Dnnl.plain(wDims.length), g, dims(x.dims[0], oc, out), false);
  }

  static void deconv(PlanCompiler c, OnnxNode n) throws UnsupportedModelException {
    if (n.attributes().containsKey("output_shape")) {
      throw unsupported(n, "output_shape is not supported; give pads and output_padding");
    }
    Value x = c.value(n.input(0));
    ConstantTensor w = c.constant(n, 1, "weights");
    Geometry g = Geometry.of(n, x, w);
    long[] outputPadding = n.ints("output_padding", new long[g.kernel.length]);
    long oc = w.dims()[1] * g.group;
    if (x.channels() != w.dims()[0]) {
      throw unsupported(n, "input has " + x.channels() + " channels, weights expect " + w.dims()[0]);
    }
    long[] out = new long[g.kernel.length];
    long[] padR = new long[g.kernel.length];
    for (int i = 0; i < out.length; i++) {
      long span = (g.kernel[i] - 1) * g.dilations[i] + 1;
      out[i] = (x.dims[i + 2] - 1) * g.strides[i] + outputPadding[i] + span - g.padL[i] - g.padR[i];
      padR[i] = g.padR[i] - outputPadding[i];
      if (padR[i] < 0) {
        throw unsupported(n, "output_padding larger than the end padding is not supported");
      }
    }
    Geometry shifted = new Geometry(g.kernel, g.strides, g.dilations, g.padL, padR, g.group);
    long[] wDims = g.group == 1 ? dims(oc, w.dims()[0], g.kernel)
        : grouped(g.group, oc / g.group, w.dims()[0] / g.group, g.kernel);
    memory.format_tag onnxOrder = g.group == 1 ? swapFirstTwo(wDims.length) : swapSecondAndThird(wDims.length);
    build(c, n, x, w, wDims, onnxOrder, shifted, dims(x.dims[0], oc, out), true);
  }

  private static void build(PlanCompiler c, OnnxNode n, Value x, ConstantTensor w, long[] wDims,
      memory.format_tag wOrder, Geometry g, long[] outDims, boolean transposed) throws UnsupportedModelException {
    ConstantTensor bias = c.optionalConstant(n, 2, "bias");
    PlanCompiler.Fusion fusion = c.fuse(n, outDims);
    memory.desc wAny = Dnnl.desc(wDims, c.weightType(), memory.format_tag.any);
    memory.desc bDesc = bias == null ? null : Dnnl.desc(new long[] {outDims[1]}, memory.data_type.f32,
        memory.format_tag.a);
    memory.desc src = x.desc();
    memory.desc dst = c.outputDesc(fusion.output(), outDims);
    long[] dil = minusOne(g.dilations);
    primitive_desc pd;
    memory.desc weightsDesc;
    if (transposed) {
      deconvolution_forward.primitive_desc d = bDesc == null
          ? new deconvolution_forward.primitive_desc(Dnnl.engine(), dnnl.prop_kind.forward_inference,
              dnnl.algorithm.deconvolution_direct, src, wAny, dst, g.strides, dil, g.padL, g.padR,
              PlanCompiler.attributes(fusion.ops()), false)
          : new deconvolution_forward.primitive_desc(Dnnl.engine(), dnnl.prop_kind.forward_inference,
              dnnl.algorithm.deconvolution_direct, src, wAny, bDesc, dst, g.strides, dil, g.padL, g.padR,
              PlanCompiler.attributes(fusion.ops()), false);
      pd = d;
      weightsDesc = d.weights_desc();
    } else {
      convolution_forward.primitive_desc d = bDesc == null
          ? new convolution_forward.primitive_desc(Dnnl.engine(), dnnl.prop_kind.forward_inference,
              dnnl.algorithm.convolution_direct, src, wAny, dst, g.strides, dil, g.padL, g.padR,
              PlanCompiler.attributes(fusion.ops()), false)
          : new convolution_forward.primitive_desc(Dnnl.engine(), dnnl.prop_kind.forward_inference,
              dnnl.algorithm.convolution_direct, src, wAny, bDesc, dst, g.strides, dil, g.padL, g.padR,
              PlanCompiler.attributes(fusion.ops()), false);
      pd = d;
      weightsDesc = d.weights_desc();
    }
    Map<Integer, Step.Operand> args = new HashMap<>();
    args.put(DNNL_ARG_SRC, new Step.Bound(x, null));
    args.put(DNNL_ARG_WEIGHTS, new Step.Fixed(c.weights().reordered(n.input(1), w, wDims, wOrder, weightsDesc)));
    if (bias != null) {
      args.put(DNNL_ARG_BIAS, new Step.Fixed(c.weights().constant(n.input(2), new long[] {outDims[1]},
          bias.asFloats())));
    }
    c.emit(n, transposed ? "deconvolution" : "convolution", pd, args, fusion, outDims);
  }

  private static long[] grouped(long group, long ocPerGroup, long icPerGroup, long[] kernel) {
    long[] d = new long[kernel.length + 3];
    d[0] = group;
    d[1] = ocPerGroup;
    d[2] = icPerGroup;
    System.arraycopy(kernel, 0, d, 3, kernel.length);
    return d;
  }

  /** ONNX ConvTranspose weights (C_in, C_out, k…) seen as oneDNN's {OC, IC, k…}: iow, iohw, iodhw. */
  private static memory.format_tag swapFirstTwo(int rank) {
    return switch (rank) {
      case 3 -> memory.format_tag.bac;
      case 4 -> memory.format_tag.bacd;
      default -> memory.format_tag.bacde;
    };
  }

  /** Grouped ConvTranspose weights (G·IC/G, OC/G, k…) seen as {G, OC/G, IC/G, k…}. */
  private static memory.format_tag swapSecondAndThird(int rank) {
    return switch (rank) {
      case 4 -> memory.format_tag.acbd;
      case 5 -> memory.format_tag.acbde;
      default -> memory.format_tag.acbdef;
    };
  }

  /** Kernel, strides, dilations, paddings and groups of a convolution node, with auto_pad resolved. */
  record Geometry(long[] kernel, long[] strides, long[] dilations, long[] padL, long[] padR, long group) {
    static Geometry of(OnnxNode n, Value x, ConstantTensor w) throws UnsupportedModelException {
      int spatial = x.rank() - 2;
      if (w.dims().length != spatial + 2) {
        throw unsupported(n, "weights of rank " + w.dims().length + " for an input of rank " + x.rank());
      }
      long[] kernel = Arrays.copyOfRange(w.dims(), 2, w.dims().length);
      long[] strides = n.ints("strides", ones(spatial));
      long[] dilations = n.ints("dilations", ones(spatial));
      long[] pads = n.ints("pads", new long[2 * spatial]);
      long[] padL = Arrays.copyOfRange(pads, 0, spatial);
      long[] padR = Arrays.copyOfRange(pads, spatial, 2 * spatial);
      String autoPad = n.text("auto_pad", "NOTSET");
      if (autoPad.startsWith("SAME")) {
        if (n.op().equals("ConvTranspose")) {
          throw unsupported(n, "auto_pad " + autoPad + " is not supported for ConvTranspose");
        }
        for (int i = 0; i < spatial; i++) {
          long in = x.dims[i + 2];
          long out = (in + strides[i] - 1) / strides[i];
          long total = Math.max(0, (out - 1) * strides[i] + (kernel[i] - 1) * dilations[i] + 1 - in);
          padL[i] = autoPad.equals("SAME_UPPER") ? total / 2 : total - total / 2;
          padR[i] = total - padL[i];
        }
      } else if (autoPad.equals("VALID")) {
        Arrays.fill(padL, 0);
        Arrays.fill(padR, 0);
      }
      return new Geometry(kernel, strides, dilations, padL, padR, n.integer("group", 1));
    }
  }
}
