package io.ctpipe.models.runtime.onednn;

import static io.ctpipe.models.runtime.onednn.OpLowerings.unsupported;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_MEAN;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SCALE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SHIFT;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_VARIANCE;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.bytedeco.dnnl.batch_normalization_forward;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.dnnl.group_normalization_forward;
import org.bytedeco.dnnl.memory;

/**
 * InstanceNormalization (groups = channels) and GroupNormalization as oneDNN group normalisation on channels-last
 * data (its fast kernel), statistics per window as ONNX defines them; BatchNormalization with the stored statistics.
 */
final class NormLowering {
  private NormLowering() {}

  static void groupNorm(PlanCompiler c, OnnxNode n) throws UnsupportedModelException {
    Value x = c.value(n.input(0));
    long channels = x.channels();
    long groups = n.op().equals("InstanceNormalization") ? channels : n.integer("num_groups", 0);
    if (groups < 1 || channels % groups != 0) {
      throw unsupported(n, channels + " channels do not split into " + groups + " groups");
    }
    float[] scale = perChannel(c.optionalConstant(n, 1, "scale"), channels, groups, 1f, n);
    float[] shift = perChannel(c.optionalConstant(n, 2, "bias"), channels, groups, 0f, n);
    // statistics exact to float precision (NormStatistics) whenever the input is f32: in fp32 plans, and in bf16 and
    // int8 plans where the layer before writes f32 for the normalisation (PlanCompiler.outputDesc); a bf16 input
    // keeps oneDNN's own statistics; the benchmark-only switch hands them back to oneDNN for an A/B
    boolean exact = x.type == memory.data_type.f32 && !NormStatistics.LEFT_TO_ONEDNN;
    int batch = (int) x.dims[0];
    Map<Integer, Step.Operand> args = new HashMap<>();
    args.put(DNNL_ARG_SRC, new Step.Bound(x, null));
    if (exact) {
      Value stats = c.emitKernel(n.describe() + " statistics", "normalization statistics", x,
          n.output() + "#statistics", new long[] {2, batch * groups}, memory.data_type.f32,
          new NormStatistics(batch, (int) channels, (int) groups, x.elements() / (batch * channels)));
      memory.desc view = Dnnl.desc(new long[] {batch, groups}, memory.data_type.f32, memory.format_tag.ab);
      args.put(DNNL_ARG_MEAN, new Step.Bound(stats, view, 0));
      args.put(DNNL_ARG_VARIANCE, new Step.Bound(stats, view, 4L * batch * groups));
    }
    PlanCompiler.Fusion fusion = c.fuse(n, x.dims);
    int flags = dnnl.normalization_flags.use_scale.value | dnnl.normalization_flags.use_shift.value
        | (exact ? dnnl.normalization_flags.use_global_stats.value : 0);
    group_normalization_forward.primitive_desc pd = new group_normalization_forward.primitive_desc(Dnnl.engine(),
        dnnl.prop_kind.forward_inference.value, x.desc(), c.activationDesc(x.dims), groups,
        n.real("epsilon", 1e-5f), flags, PlanCompiler.attributes(fusion.ops()), false);
    long[] dims = {channels};
    args.put(DNNL_ARG_SCALE, new Step.Fixed(c.weights().constant(n.input(1) + "#scale" + channels, dims, scale)));
    args.put(DNNL_ARG_SHIFT, new Step.Fixed(c.weights().constant(n.input(2) + "#shift" + channels, dims, shift)));
    c.emit(n, "normalization", pd, args, fusion, x.dims);
  }

  static void batchNorm(PlanCompiler c, OnnxNode n) throws UnsupportedModelException {
    Value x = c.value(n.input(0));
    long channels = x.channels();
    float[][] params = new float[4][];
    String[] what = {"scale", "bias", "mean", "variance"};
    for (int i = 0; i < 4; i++) {
      params[i] = perChannel(c.constant(n, i + 1, what[i]), channels, channels, 0f, n);
    }
    PlanCompiler.Fusion fusion = c.fuse(n, x.dims);
    batch_normalization_forward.primitive_desc pd = new batch_normalization_forward.primitive_desc(Dnnl.engine(),
        dnnl.prop_kind.forward_inference.value, x.desc(), c.activationDesc(x.dims), n.real("epsilon", 1e-5f),
        dnnl.normalization_flags.use_global_stats.value | dnnl.normalization_flags.use_scale.value
            | dnnl.normalization_flags.use_shift.value, PlanCompiler.attributes(fusion.ops()), false);
    long[] dims = {channels};
    int[] args = {DNNL_ARG_SCALE, DNNL_ARG_SHIFT, DNNL_ARG_MEAN, DNNL_ARG_VARIANCE};
    java.util.Map<Integer, Step.Operand> operands = new java.util.HashMap<>();
    operands.put(DNNL_ARG_SRC, new Step.Bound(x, null));
    for (int i = 0; i < 4; i++) {
      operands.put(args[i], new Step.Fixed(c.weights().constant(n.input(i + 1), dims, params[i])));
    }
    c.emit(n, "normalization", pd, operands, fusion, x.dims);
  }

  /** A per-channel parameter from one value per channel, one per group (opset 18), or the default. */
  private static float[] perChannel(ConstantTensor t, long channels, long groups, float fallback, OnnxNode n)
      throws UnsupportedModelException {
    float[] out = new float[(int) channels];
    if (t == null) {
      Arrays.fill(out, fallback);
      return out;
    }
    float[] v = t.asFloats();
    if (v.length == channels) {
      return v.clone();
    }
    if (v.length == groups) {
      for (int ch = 0; ch < channels; ch++) {
        out[ch] = v[(int) (ch / (channels / groups))];
      }
      return out;
    }
    throw unsupported(n, "a parameter holds " + v.length + " values for " + channels + " channels");
  }
}
