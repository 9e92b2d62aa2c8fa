package io.ctpipe.models.runtime.onednn;

import static io.ctpipe.models.runtime.onednn.OpLowerings.unsupported;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_0;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_1;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;

import java.util.Map;
import org.bytedeco.dnnl.binary;
import org.bytedeco.dnnl.eltwise_forward;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.dnnl.prelu_forward;
import org.bytedeco.dnnl.softmax_forward;

/** Activations, PRelu, element-wise arithmetic with broadcasting, and Softmax that no layer before could absorb. */
final class PointwiseLowering {
  private PointwiseLowering() {}

  static void eltwise(PlanCompiler c, OnnxNode n) throws UnsupportedModelException {
    Value x = c.value(n.input(0));
    dnnl.algorithm alg = switch (n.op()) {
      case "Relu", "LeakyRelu" -> dnnl.algorithm.eltwise_relu;
      case "Sigmoid" -> dnnl.algorithm.eltwise_logistic;
      default -> dnnl.algorithm.eltwise_tanh;
    };
    float alpha = n.op().equals("LeakyRelu") ? n.real("alpha", 0.01f) : 0f;
    PlanCompiler.Fusion fusion = c.fuse(n, x.dims);
    eltwise_forward.primitive_desc pd = new eltwise_forward.primitive_desc(Dnnl.engine(),
        dnnl.prop_kind.forward_inference, alg, x.desc(), c.activationDesc(x.dims), alpha, 0f,
        PlanCompiler.attributes(fusion.ops()), false);
    c.emit(n, "eltwise", pd, Map.of(DNNL_ARG_SRC, new Step.Bound(x, null)), fusion, x.dims);
  }

  static void prelu(PlanCompiler c, OnnxNode n) throws UnsupportedModelException {
    Value x = c.value(n.input(0));
    ConstantTensor slope = c.constant(n, 1, "slope");
    long[] shape = OpLowerings.ones(x.rank());
    if (slope.elements() == x.channels()) {
      shape[1] = x.channels();
    } else if (slope.elements() != 1) {
      throw unsupported(n, "slopes other than one value or one per channel are not supported");
    }
    PlanCompiler.Fusion fusion = c.fuse(n, x.dims);
    Step.Fixed weights = new Step.Fixed(c.weights().constant(n.input(1) + java.util.Arrays.toString(shape), shape,
        slope.asFloats()));
    prelu_forward.primitive_desc pd = new prelu_forward.primitive_desc(Dnnl.engine(),
        dnnl.prop_kind.forward_inference, x.desc(), weights.memory().get_desc(), c.activationDesc(x.dims),
        PlanCompiler.attributes(fusion.ops()), false);
    c.emit(n, "eltwise", pd, Map.of(DNNL_ARG_SRC, new Step.Bound(x, null), DNNL_ARG_WEIGHTS, weights), fusion,
        x.dims);
  }

  static void binary(PlanCompiler c, OnnxNode n) throws UnsupportedModelException {
    boolean firstIsValue = c.isValue(n.input(0));
    Value x = c.value(firstIsValue ? n.input(0) : n.input(1));
    String otherName = firstIsValue ? n.input(1) : n.input(0);
    if (!firstIsValue && (n.op().equals("Sub") || n.op().equals("Div"))) {
      throw unsupported(n, "a constant first operand is not supported");
    }
    Step.Operand other = c.broadcastOperand(otherName, x.dims);
    if (other == null) {
      Value y = c.isValue(otherName) ? c.value(otherName) : null;
      if (y != null && c.broadcastOperand(x.name, y.dims) != null && (n.op().equals("Add") || n.op().equals("Mul"))) {
        other = new Step.Bound(x, null);
        x = y;
      } else {
        throw unsupported(n, "operands whose shapes do not broadcast per channel are not supported");
      }
    }
    PlanCompiler.Fusion fusion = c.fuse(n, x.dims);
    binary.primitive_desc pd = new binary.primitive_desc(Dnnl.engine(), PlanCompiler.binaryAlgorithm(n.op()),
        x.desc(), PlanCompiler.descOf(other), c.outputDesc(fusion.output(), x.dims),
        PlanCompiler.attributes(fusion.ops()), false);
    c.emit(n, "binary", pd, Map.of(DNNL_ARG_SRC_0, new Step.Bound(x, null), DNNL_ARG_SRC_1, other), fusion, x.dims);
  }

  static void softmax(PlanCompiler c, OnnxNode n) throws UnsupportedModelException {
    Value x = c.value(n.input(0));
    long axis = n.integer("axis", -1);
    int resolved = (int) (axis < 0 ? axis + x.rank() : axis);
    if (resolved < 0 || resolved >= x.rank()) {
      throw unsupported(n, "axis " + axis + " outside a tensor of rank " + x.rank());
    }
    softmax_forward.primitive_desc pd = new softmax_forward.primitive_desc(Dnnl.engine(),
        dnnl.prop_kind.forward_inference, dnnl.algorithm.softmax_accurate, x.desc(), c.activationDesc(x.dims),
        resolved, PlanCompiler.attributes(null), false);
    c.emit(n, "softmax", pd, Map.of(DNNL_ARG_SRC, new Step.Bound(x, null)), null, x.dims);
  }
}
