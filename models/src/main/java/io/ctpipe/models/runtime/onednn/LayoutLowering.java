package io.ctpipe.models.runtime.onednn;

import static io.ctpipe.models.runtime.onednn.OpLowerings.dims;
import static io.ctpipe.models.runtime.onednn.OpLowerings.unsupported;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_MULTIPLE_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.bytedeco.dnnl.concat;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.dnnl.inner_product_forward;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.memory_desc_vector;
import org.bytedeco.dnnl.pooling_forward;
import org.bytedeco.dnnl.primitive_desc;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerPointer;

/** Concat, Resize/Upsample, pooling, Flatten and fully connected layers (Gemm, MatMul with constant weights). */
final class LayoutLowering {
  private LayoutLowering() {}

  static void concat(PlanCompiler c, OnnxNode n) throws UnsupportedModelException {
    Value first = c.value(n.input(0));
    long axis = n.integer("axis", 1);
    int resolved = (int) (axis < 0 ? axis + first.rank() : axis);
    long[] out = first.dims.clone();
    out[resolved] = 0;
    Value[] parts = new Value[n.inputs().size()];
    memory_desc_vector descs = new memory_desc_vector(parts.length);
    for (int i = 0; i < parts.length; i++) {
      parts[i] = c.value(n.input(i));
      out[resolved] += parts[i].dims[resolved];
      descs.put(i, parts[i].desc());
    }
    concat.primitive_desc pd = new concat.primitive_desc(Dnnl.engine(), c.activationDesc(out), resolved, descs,
        PlanCompiler.attributes(null), false);
    Map<Integer, Step.Operand> args = new HashMap<>();
    for (int i = 0; i < parts.length; i++) {
      args.put(DNNL_ARG_MULTIPLE_SRC + i, new Step.Bound(parts[i], null));
    }
    c.emit(n, "concat", new concat(pd), pd.scratchpad_desc(), args, null, out);
  }

  /** Resize (opset 10+) and Upsample: nearest with integer factors, or linear with half-pixel coordinates. */
  static void resize(PlanCompiler c, OnnxNode n) throws UnsupportedModelException {
    Value x = c.value(n.input(0));
    long[] out = resizedDims(c, n, x);
    String mode = n.text("mode", "nearest");
    String coordinates = n.text("coordinate_transformation_mode", "half_pixel");
    dnnl.algorithm alg;
    if (mode.equals("nearest")) {
      for (int i = 2; i < out.length; i++) {
        if (out[i] % x.dims[i] != 0) {
          throw unsupported(n, "nearest resizing by a non-integer factor is not supported");
        }
      }
      alg = dnnl.algorithm.resampling_nearest;
    } else if (mode.equals("linear") && (coordinates.equals("half_pixel") || coordinates.equals("pytorch_half_pixel"))
        && n.integer("antialias", 0) == 0) {
      alg = dnnl.algorithm.resampling_linear;
    } else {
      throw unsupported(n, "mode " + mode + " with coordinate_transformation_mode " + coordinates
          + " is not supported (nearest, or linear with half_pixel)");
    }
    PlanCompiler.Fusion fusion = c.fuse(n, out);
    PointerPointer<dnnl_primitive_desc> created = new PointerPointer<>(1);
    int status = dnnl.dnnl_resampling_forward_primitive_desc_create(created, Dnnl.engine().get(),
        dnnl.prop_kind.forward_inference.value, alg.value, (FloatPointer) null, x.desc().get(),
        c.activationDesc(out).get(), PlanCompiler.attributes(fusion.ops()).get());
    if (status != dnnl.dnnl_success) {
      throw unsupported(n, "oneDNN has no resampling for it (status " + status + ")");
    }
    primitive_desc pd = new primitive_desc(new dnnl_primitive_desc(created.get(0)));
    c.emit(n, "resampling", pd, Map.of(DNNL_ARG_SRC, new Step.Bound(x, null)), fusion, out);
  }

  private static long[] resizedDims(PlanCompiler c, OnnxNode n, Value x) throws UnsupportedModelException {
    boolean upsample = n.op().equals("Upsample");
    ConstantTensor sizes = upsample ? null : c.optionalConstant(n, 3, "sizes");
    ConstantTensor scales = c.optionalConstant(n, upsample ? 1 : 2, "scales");
    long[] out = x.dims.clone();
    if (sizes != null && sizes.elements() > 0) {
      long[] s = sizes.asInts();
      if (s.length != x.rank()) {
        throw unsupported(n, "sizes must name every axis");
      }
      out = s.clone();
    } else if (scales != null && scales.elements() == x.rank()) {
      float[] f = scales.asFloats();
      for (int i = 0; i < f.length; i++) {
        out[i] = (long) Math.floor(x.dims[i] * (double) f[i]);
      }
    } else {
      throw unsupported(n, "needs constant scales or sizes for every axis");
    }
    if (out[0] != x.dims[0] || out[1] != x.dims[1]) {
      throw unsupported(n, "resizing the batch or channel axis is not supported");
    }
    return out;
  }

  static void pool(PlanCompiler c, OnnxNode n) throws UnsupportedModelException {
    Value x = c.value(n.input(0));
    int spatial = x.rank() - 2;
    boolean global = n.op().startsWith("Global");
    long[] kernel = global ? x.spatial() : n.ints("kernel_shape", null);
    if (kernel == null) {
      throw unsupported(n, "kernel_shape is missing");
    }
    long[] strides = global ? OpLowerings.ones(spatial) : n.ints("strides", OpLowerings.ones(spatial));
    long[] dilations = global ? OpLowerings.ones(spatial) : n.ints("dilations", OpLowerings.ones(spatial));
    long[] pads = global ? new long[2 * spatial] : n.ints("pads", new long[2 * spatial]);
    if (!n.text("auto_pad", "NOTSET").equals("NOTSET") && !n.text("auto_pad", "").equals("VALID")) {
      throw unsupported(n, "auto_pad " + n.text("auto_pad", "") + " is not supported");
    }
    boolean ceil = n.integer("ceil_mode", 0) == 1;
    long[] padL = Arrays.copyOfRange(pads, 0, spatial);
    long[] padR = Arrays.copyOfRange(pads, spatial, 2 * spatial);
    long[] out = new long[spatial];
    for (int i = 0; i < spatial; i++) {
      long span = (kernel[i] - 1) * dilations[i] + 1;
      long room = x.dims[i + 2] + padL[i] + padR[i] - span;
      out[i] = (ceil ? Math.floorDiv(room + strides[i] - 1, strides[i]) : Math.floorDiv(room, strides[i])) + 1;
      padR[i] = Math.max(padR[i], (out[i] - 1) * strides[i] + span - x.dims[i + 2] - padL[i]);
    }
    boolean max = n.op().contains("Max");
    dnnl.algorithm alg = max ? dnnl.algorithm.pooling_max : n.integer("count_include_pad", 0) == 1
        ? dnnl.algorithm.pooling_avg_include_padding : dnnl.algorithm.pooling_avg_exclude_padding;
    long[] outDims = dims(x.dims[0], x.channels(), out);
    PlanCompiler.Fusion fusion = c.fuse(n, outDims);
    pooling_forward.primitive_desc pd = new pooling_forward.primitive_desc(Dnnl.engine(),
        dnnl.prop_kind.forward_inference, alg, x.desc(), c.activationDesc(outDims), strides, kernel,
        OpLowerings.minusOne(dilations), padL, padR, PlanCompiler.attributes(fusion.ops()), false);
    c.emit(n, "pooling", pd, Map.of(DNNL_ARG_SRC, new Step.Bound(x, null)), fusion, outDims);
  }

  /** Flatten at axis 1: the channels-last data read in ONNX's order (N×C×spatial) into N×K. */
  static void flatten(PlanCompiler c, OnnxNode n) throws UnsupportedModelException {
    Value x = c.value(n.input(0));
    if (n.integer("axis", 1) != 1) {
      throw unsupported(n, "only axis 1 is supported");
    }
    long[] out = {x.dims[0], x.elements() / x.dims[0]};
    memory.desc plainView = Dnnl.desc(x.dims, c.activationType(), Dnnl.plain(x.rank()));
    c.emitReorder(n, x, x.desc(), out, plainView);
  }

  /** Gemm (A·Bᵀ or A·B + C, alpha = beta = 1) and MatMul of an N×K activation with constant weights. */
  static void innerProduct(PlanCompiler c, OnnxNode n) throws UnsupportedModelException {
    Value x = c.value(n.input(0));
    ConstantTensor w = c.constant(n, 1, "weights");
    boolean gemm = n.op().equals("Gemm");
    if (x.rank() != 2 || w.dims().length != 2) {
      throw unsupported(n, "only a 2D activation times a 2D constant is supported");
    }
    if (gemm && (n.integer("transA", 0) != 0 || n.real("alpha", 1f) != 1f || n.real("beta", 1f) != 1f)) {
      throw unsupported(n, "transA, alpha and beta other than 0, 1, 1 are not supported");
    }
    boolean transposed = gemm && n.integer("transB", 0) == 1;
    long outputs = transposed ? w.dims()[0] : w.dims()[1];
    long[] wDims = {outputs, x.dims[1]};
    ConstantTensor bias = gemm ? c.optionalConstant(n, 2, "bias") : null;
    if (bias != null && bias.elements() != outputs) {
      throw unsupported(n, "only a bias with one value per output is supported");
    }
    long[] outDims = {x.dims[0], outputs};
    PlanCompiler.Fusion fusion = c.fuse(n, outDims);
    memory.desc wAny = Dnnl.desc(wDims, c.weightType(), memory.format_tag.any);
    memory.desc bDesc = Dnnl.desc(new long[] {outputs}, memory.data_type.f32, memory.format_tag.a);
    inner_product_forward.primitive_desc pd = bias == null
        ? new inner_product_forward.primitive_desc(Dnnl.engine(), dnnl.prop_kind.forward_inference, x.desc(), wAny,
            c.activationDesc(outDims), PlanCompiler.attributes(fusion.ops()), false)
        : new inner_product_forward.primitive_desc(Dnnl.engine(), dnnl.prop_kind.forward_inference, x.desc(), wAny,
            bDesc, c.activationDesc(outDims), PlanCompiler.attributes(fusion.ops()), false);
    Map<Integer, Step.Operand> args = new HashMap<>();
    args.put(DNNL_ARG_SRC, new Step.Bound(x, null));
    args.put(DNNL_ARG_WEIGHTS, new Step.Fixed(c.weights().reordered(n.input(1), w, wDims,
        transposed ? memory.format_tag.ab : memory.format_tag.ba, pd.weights_desc())));
    if (bias != null) {
      args.put(DNNL_ARG_BIAS, new Step.Fixed(c.weights().constant(n.input(2), new long[] {outputs},
          bias.asFloats())));
    }
    c.emit(n, "inner_product", pd, args, fusion, outDims);
  }
}
