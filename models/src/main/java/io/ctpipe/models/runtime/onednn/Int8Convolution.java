package io.ctpipe.models.runtime.onednn;

import static io.ctpipe.models.runtime.onednn.OpLowerings.minusOne;
import static io.ctpipe.models.runtime.onednn.OpLowerings.unsupported;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_ATTR_SCALES;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_ATTR_ZERO_POINTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.reorder;

/**
 * A convolution the model quantised (QDQ), run in int8 (VNNI): its input quantised to u8 with the model's scale and
 * zero point, int8 weights with one scale per output channel, int32 accumulation, the result dequantised into the
 * float type of the activations (bf16 or f32), fused post-ops as for any convolution.
 */
final class Int8Convolution {
  private Int8Convolution() {}

  static void lower(PlanCompiler c, OnnxNode n, Value x, QdqPattern.QuantizedWeights weights, long[] wDims,
      ConvLowering.Geometry g, long[] outDims) throws UnsupportedModelException {
    QdqPattern.ActivationScale scale = c.activationScale(n.input(0));
    if (scale == null) {
      throw unsupported(n, "its weights are int8 but its input has no QuantizeLinear → DequantizeLinear scale");
    }
    if (g.group() != 1) {
      throw unsupported(n, "grouped int8 convolutions are not supported");
    }
    Value quantized = quantized(c, x, scale);
    ConstantTensor bias = c.optionalConstant(n, 2, "bias");
    PlanCompiler.Fusion fusion = c.fuse(n, outDims);
    primitive_attr attr = PlanCompiler.attributes(fusion.ops());
    attr.set_scales_mask(DNNL_ARG_SRC, 0);
    attr.set_scales_mask(DNNL_ARG_WEIGHTS, 1);
    if (scale.zeroPoint() != 0) {
      attr.set_zero_points_mask(DNNL_ARG_SRC, 0);
    }
    memory.desc wAny = Dnnl.desc(wDims, memory.data_type.s8, memory.format_tag.any);
    memory.desc dst = c.outputDesc(fusion.output(), outDims);
    long[] dil = minusOne(g.dilations());
    convolution_forward.primitive_desc pd = bias == null
        ? new convolution_forward.primitive_desc(Dnnl.engine(), dnnl.prop_kind.forward_inference,
            dnnl.algorithm.convolution_direct, quantized.desc(), wAny, dst, g.strides(), dil, g.padL(), g.padR(),
            attr, false)
        : new convolution_forward.primitive_desc(Dnnl.engine(), dnnl.prop_kind.forward_inference,
            dnnl.algorithm.convolution_direct, quantized.desc(), wAny, Dnnl.desc(new long[] {outDims[1]},
                memory.data_type.f32, memory.format_tag.a), dst, g.strides(), dil, g.padL(), g.padR(), attr, false);
    String key = n.input(1);
    Map<Integer, Step.Operand> args = new HashMap<>();
    args.put(DNNL_ARG_SRC, new Step.Bound(quantized, null));
    args.put(DNNL_ARG_WEIGHTS, new Step.Fixed(c.weights().reorderedInt8(key, weights.values(), wDims,
        Dnnl.plain(wDims.length), pd.weights_desc())));
    args.put(DNNL_ARG_ATTR_SCALES | DNNL_ARG_SRC, new Step.Fixed(c.weights().constant(quantized.name + "#scale",
        new long[] {1}, new float[] {scale.scale()})));
    args.put(DNNL_ARG_ATTR_SCALES | DNNL_ARG_WEIGHTS, new Step.Fixed(c.weights().constant(key + "#scales",
        new long[] {weights.scales().length}, weights.scales())));
    if (scale.zeroPoint() != 0) {
      args.put(DNNL_ARG_ATTR_ZERO_POINTS | DNNL_ARG_SRC, new Step.Fixed(c.weights().int32(quantized.name + "#zero",
          scale.zeroPoint())));
    }
    if (bias != null) {
      args.put(DNNL_ARG_BIAS, new Step.Fixed(c.weights().constant(n.input(2), new long[] {outDims[1]},
          bias.asFloats())));
    }
    c.emit(n, "convolution", pd, args, fusion, outDims);
  }

  /** {@code x} quantised to u8 with the model's scale and zero point, by one reorder shared by all its readers. */
  private static Value quantized(PlanCompiler c, Value x, QdqPattern.ActivationScale scale) {
    String name = x.name + "#u8";
    Value q = c.existing(name);
    if (q != null) {
      return q;
    }
    q = c.newArenaValue(name, x.dims, memory.data_type.u8);
    primitive_attr attr = PlanCompiler.attributes(null);
    attr.set_scales_mask(DNNL_ARG_DST, 0);
    Map<Integer, Step.Operand> args = new LinkedHashMap<>();
    args.put(DNNL_ARG_FROM, new Step.Bound(x, null));
    args.put(DNNL_ARG_TO, new Step.Bound(q, null));
    args.put(DNNL_ARG_ATTR_SCALES | DNNL_ARG_DST, new Step.Fixed(c.weights().constant(name + "#scale",
        new long[] {1}, new float[] {scale.scale()})));
    if (scale.zeroPoint() != 0) {
      attr.set_zero_points_mask(DNNL_ARG_DST, 0);
      args.put(DNNL_ARG_ATTR_ZERO_POINTS | DNNL_ARG_DST, new Step.Fixed(c.weights().int32(name + "#zero",
          scale.zeroPoint())));
    }
    reorder.primitive_desc pd = new reorder.primitive_desc(Dnnl.engine(), x.desc(), Dnnl.engine(), q.desc(), attr,
        false);
    c.addStep(new Step("Quantize " + x.name, "reorder", new reorder(pd), pd.scratchpad_desc(), args, null));
    return q;
  }
}
