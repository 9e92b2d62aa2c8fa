package io.ctpipe.models.runtime.onednn;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_ATTR_MULTIPLE_POST_OP_BASE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_1;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.post_ops;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.primitive_desc;
import org.bytedeco.dnnl.reorder;

/**
 * Compiles an ONNX graph for one input shape and activation type into a {@link CompiledPlan}: every activation
 * channels-last in the precision's type from the first layer to the last, activations, residual additions and
 * per-channel products that follow a layer fused into it as post-ops (unless the fused form is refused or runs a
 * reference kernel), weights reordered once into the layout each kernel wants ({@link WeightCache}), one reorder at
 * the input (unless the input can be read as it is) and one at the output (or the head's slabs, {@link
 * PointwiseHead}).
 */
final class PlanCompiler {
  /** What the lowering of a node leaves to its successors: post-ops, their arguments, the last fused output. */
  record Fusion(post_ops ops, Map<Integer, Step.Operand> args, String output, String suffix) {}

  private static final Set<String> NORMALISATIONS = Set.of("InstanceNormalization", "GroupNormalization");
  private static final Set<String> BINARY = Set.of("Add", "Sub", "Mul", "Div");

  private final OnnxModel model;
  private final memory.data_type activations;
  private final WeightCache weights;
  private final Map<String, Value> values = new HashMap<>();
  private final List<Value> all = new ArrayList<>();
  private final List<Step> steps = new ArrayList<>();
  private final Map<String, List<OnnxNode>> consumers = new HashMap<>();
  private final Set<OnnxNode> absorbed = new HashSet<>();
  private boolean fusing = true;

  private PlanCompiler(OnnxModel model, memory.data_type activations, WeightCache weights) {
    this.model = model;
    this.activations = activations;
    this.weights = weights;
    for (OnnxNode n : model.nodes) {
      for (String in : n.inputs()) {
        consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
      }
    }
  }

  /**
   * Compiles the graph for inputs of {@code inputDims} (N×C×spatial) with activations of type {@code activations}
   * between layers (f32 or bf16); convolutions the model quantised run in int8 when it was read for int8.
   */
  static CompiledPlan compile(OnnxModel model, long[] inputDims, memory.data_type activations, WeightCache weights)
      throws UnsupportedModelException {
    return new PlanCompiler(model, activations, weights).compile(inputDims);
  }

  private CompiledPlan compile(long[] inputDims) throws UnsupportedModelException {
    Value input = track(new Value(model.inputName, inputDims, memory.data_type.f32, Value.Home.INPUT, -1));
    boolean readAsIs = activations == memory.data_type.f32 && (inputDims[1] == 1 || inputDims.length == 2);
    if (readAsIs) {
      values.put(model.inputName, input);
    } else {
      Value converted = newValue(model.inputName, inputDims);
      addReorder("input", new Step.Bound(input, Dnnl.desc(inputDims, memory.data_type.f32,
          Dnnl.plain(inputDims.length))), converted);
    }
    for (OnnxNode n : model.nodes) {
      if (!absorbed.contains(n)) {
        lower(n);
      }
    }
    Value result = value(model.outputName);
    if (result.home == Value.Home.OUTPUT) {
      return CompiledPlan.of(steps, all, input, result);
    }
    Value output = track(new Value(model.outputName, result.dims, memory.data_type.f32, Value.Home.OUTPUT,
        steps.size()));
    addReorder("output", new Step.Bound(result, null), output);
    return CompiledPlan.of(steps, all, input, output);
  }

  /** Lowers a node with its successors fused; when oneDNN refuses the fused primitive, lowers it alone. */
  private void lower(OnnxNode n) throws UnsupportedModelException {
    Set<OnnxNode> before = new HashSet<>(absorbed);
    int stepsBefore = steps.size();
    int valuesBefore = all.size();
    try {
      OpLowerings.lower(this, n);
      return;
    } catch (ConstantTensor.ReleasedConstantException e) {
      throw e;
    } catch (RuntimeException | UnsupportedModelException fused) {
      if (absorbed.equals(before)) {
        throw refused(n, fused);
      }
    }
    absorbed.retainAll(before);
    steps.subList(stepsBefore, steps.size()).clear();
    all.subList(valuesBefore, all.size()).clear();
    fusing = false;
    try {
      OpLowerings.lower(this, n);
    } catch (RuntimeException | UnsupportedModelException alone) {
      throw refused(n, alone);
    } finally {
      fusing = true;
    }
  }

  private static UnsupportedModelException refused(OnnxNode n, Exception e) {
    return e instanceof UnsupportedModelException u ? u
        : new UnsupportedModelException(n.describe() + ": oneDNN refused it (" + e.getMessage() + ")");
  }

  private void addReorder(String label, Step.Bound from, Value to) {
    primitive_attr attr = attributes(null);
    reorder.primitive_desc pd = new reorder.primitive_desc(Dnnl.engine(), from.desc(), Dnnl.engine(), to.desc(),
        attr, false);
    steps.add(new Step("Reorder " + label, "reorder", new reorder(pd), pd.scratchpad_desc(),
        Map.of(DNNL_ARG_FROM, from, DNNL_ARG_TO, new Step.Bound(to, null)), null));
  }

  // ---- used by the lowerings

  memory.data_type activationType() {
    return activations;
  }

  /** Weights in bf16 when activations are bf16 (accumulation stays f32 inside the kernels). */
  memory.data_type weightType() {
    return activations;
  }

  WeightCache weights() {
    return weights;
  }

  Value value(String name) throws UnsupportedModelException {
    Value v = values.get(name);
    if (v == null) {
      throw new UnsupportedModelException(model.constants.containsKey(name)
          ? "'" + name + "' is a constant where the engine needs an activation"
          : "no value named '" + name + "' is computed before it is used");
    }
    return v;
  }

  /** The int8 weights of a quantised convolution (int8 runs only), or null. */
  QdqPattern.QuantizedWeights quantizedWeights(String name) {
    return model.quantization.weights().get(name);
  }

  /** The scale and zero point the model gives the activation {@code name}, or null. */
  QdqPattern.ActivationScale activationScale(String name) {
    return model.quantization.activations().get(name);
  }

  boolean isValue(String name) {
    return values.containsKey(name);
  }

  ConstantTensor constant(OnnxNode n, int input, String what) throws UnsupportedModelException {
    ConstantTensor t = model.constants.get(n.input(input));
    if (t == null) {
      throw new UnsupportedModelException(n.describe() + ": its " + what + " must be a constant");
    }
    return t;
  }

  /** The constant at that input, or null when the input is omitted. */
  ConstantTensor optionalConstant(OnnxNode n, int input, String what) throws UnsupportedModelException {
    return n.input(input).isEmpty() ? null : constant(n, input, what);
  }

  memory.desc activationDesc(long[] dims) {
    return Dnnl.desc(dims, activations, Dnnl.channelsLast(dims.length));
  }

  /**
   * The layout a layer writes its (fused) output {@code name} in: the activations' type, but f32 in a bf16 or int8
   * plan when the value feeds a normalisation and is otherwise only an operand of additions or products (which
   * take any float type), so that the normalisation gets its statistics exact ({@link NormStatistics}) from
   * unrounded values; docs/inference-engine.md, "Precisions".
   */
  memory.desc outputDesc(String name, long[] dims) {
    return Dnnl.desc(dims, feedsNormalisation(name) ? memory.data_type.f32 : activations,
        Dnnl.channelsLast(dims.length));
  }

  private boolean feedsNormalisation(String name) {
    if (activations == memory.data_type.f32 || name.equals(model.outputName)) {
      return false;
    }
    List<OnnxNode> readers = consumers.getOrDefault(name, List.of());
    return readers.stream().anyMatch(r -> NORMALISATIONS.contains(r.op()))
        && readers.stream().allMatch(r -> NORMALISATIONS.contains(r.op()) || BINARY.contains(r.op()));
  }

  /** Scratchpad owned by the caller (per thread) plus the given post-ops. */
  static primitive_attr attributes(post_ops ops) {
    primitive_attr attr = new primitive_attr();
    attr.set_scratchpad_mode(dnnl.scratchpad_mode.user);
    if (ops != null) {
      attr.set_post_ops(ops);
    }
    return attr;
  }

  /**
   * Absorbs the nodes that follow {@code producer}'s output into post-ops, as long as each is the only consumer of
   * the value before it: Relu, LeakyRelu, Sigmoid, Tanh, and Add/Mul/Sub/Div with an operand computed before (a
   * residual) or a per-channel constant.
   */
  Fusion fuse(OnnxNode producer, long[] dims) {
    post_ops ops = new post_ops();
    Map<Integer, Step.Operand> args = new LinkedHashMap<>();
    StringBuilder suffix = new StringBuilder();
    String current = producer.output();
    while (fusing && !current.equals(model.outputName)) {
      List<OnnxNode> next = consumers.getOrDefault(current, List.of());
      if (next.size() != 1 || !append(ops, args, next.get(0), current, dims)) {
        break;
      }
      absorbed.add(next.get(0));
      suffix.append('+').append(next.get(0).op());
      current = next.get(0).output();
    }
    return new Fusion(ops, args, current, suffix.toString());
  }

  private boolean append(post_ops ops, Map<Integer, Step.Operand> args, OnnxNode next, String current,
      long[] dims) {
    switch (next.op()) {
      case "Relu" -> ops.append_eltwise(dnnl.algorithm.eltwise_relu, 0f, 0f);
      case "LeakyRelu" -> ops.append_eltwise(dnnl.algorithm.eltwise_relu, next.real("alpha", 0.01f), 0f);
      case "Sigmoid" -> ops.append_eltwise(dnnl.algorithm.eltwise_logistic, 0f, 0f);
      case "Tanh" -> ops.append_eltwise(dnnl.algorithm.eltwise_tanh, 0f, 0f);
      case "Add", "Mul", "Sub", "Div" -> {
        boolean first = next.input(0).equals(current);
        if (!first && (next.op().equals("Sub") || next.op().equals("Div"))) {
          return false;
        }
        Step.Operand other = broadcastOperand(first ? next.input(1) : next.input(0), dims);
        if (other == null) {
          return false;
        }
        ops.append_binary(binaryAlgorithm(next.op()), descOf(other));
        args.put(DNNL_ARG_ATTR_MULTIPLE_POST_OP_BASE * ops.len() | DNNL_ARG_SRC_1, other);
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  static dnnl.algorithm binaryAlgorithm(String op) {
    return switch (op) {
      case "Add" -> dnnl.algorithm.binary_add;
      case "Mul" -> dnnl.algorithm.binary_mul;
      case "Sub" -> dnnl.algorithm.binary_sub;
      case "Div" -> dnnl.algorithm.binary_div;
      default -> throw new IllegalArgumentException(op);
    };
  }

  static memory.desc descOf(Step.Operand operand) {
    return operand instanceof Step.Bound b ? b.desc() : ((Step.Fixed) operand).memory().get_desc();
  }

  /**
   * A second operand for {@code dims}-shaped data: a value already computed whose dimensions equal or broadcast
   * (1) to {@code dims}, or a constant with one value or one per channel; null otherwise.
   */
  Step.Operand broadcastOperand(String name, long[] dims) {
    Value v = values.get(name);
    if (v != null) {
      return broadcasts(v.dims, dims) ? new Step.Bound(v, null) : null;
    }
    ConstantTensor c = model.constants.get(name);
    if (c == null || c.ints() != null) {
      return null;
    }
    long[] shape = new long[dims.length];
    Arrays.fill(shape, 1);
    if (c.elements() == dims[1] && dims[1] > 1) {
      shape[1] = dims[1];
    } else if (c.elements() != 1) {
      return null;
    }
    return new Step.Fixed(weights.constant(name + Arrays.toString(shape), shape, c.asFloats()));
  }

  private static boolean broadcasts(long[] from, long[] to) {
    if (from.length != to.length) {
      return false;
    }
    for (int i = 0; i < from.length; i++) {
      if (from[i] != to[i] && from[i] != 1) {
        return false;
      }
    }
    return true;
  }

  /** Adds a primitive step whose output (after its fused post-ops) is a new value of {@code dims}. */
  void emit(OnnxNode n, String kind, primitive_desc pd, Map<Integer, Step.Operand> args, Fusion fusion,
      long[] dims) {
    String kernel = pd.impl_info_str().getString();
    if (fusion != null && fusion.ops().len() > 0 && kernel.startsWith("ref")) {
      // refused like an unsupported fusion: lower() runs the node alone (oneDNN's fused resampling, for one, is its
      // reference kernel, 30× slower than resampling and a separate addition)
      throw new IllegalStateException("the fused form runs oneDNN's reference kernel " + kernel);
    }
    // the type the primitive writes (f32 before a normalisation in low-precision plans, see outputDesc)
    memory.data_type written = pd.dst_desc().get_data_type().intern();
    emit(n, kind, new primitive(pd), pd.scratchpad_desc(), args, fusion, dims, written);
  }

  /** As above, for a primitive made from a descriptor of its own type (concat). */
  void emit(OnnxNode n, String kind, primitive made, memory.desc scratchpad, Map<Integer, Step.Operand> args,
      Fusion fusion, long[] dims) {
    emit(n, kind, made, scratchpad, args, fusion, dims, activations);
  }

  private void emit(OnnxNode n, String kind, primitive made, memory.desc scratchpad,
      Map<Integer, Step.Operand> args, Fusion fusion, long[] dims, memory.data_type type) {
    Value out = newValue(fusion == null ? n.output() : fusion.output(), dims, type);
    Map<Integer, Step.Operand> all = new LinkedHashMap<>(args);
    all.put(DNNL_ARG_DST, new Step.Bound(out, null));
    if (fusion != null) {
      all.putAll(fusion.args());
    }
    steps.add(new Step(n.describe() + (fusion == null ? "" : fusion.suffix()), kind, made, scratchpad, all, null));
  }

  /** True when {@code name} is the graph's output (a layer writing it may write the caller's buffer directly). */
  boolean isGraphOutput(String name) {
    return name.equals(model.outputName);
  }

  /** A value computed already under this name (a shared quantisation), or null. */
  Value existing(String name) {
    return values.get(name);
  }

  /** A new arena value of this type (slab buffers, u8 copies of activations). */
  Value newArenaValue(String name, long[] dims, memory.data_type type) {
    return newValue(name, dims, type);
  }

  /** An f32 arena value in ONNX's plain order that holds one slab of the output ({@link Step.Slab}). */
  Value newSlabValue(String name, long[] dims) {
    Value v = track(new Value(name, dims, memory.data_type.f32, Value.Home.SLAB, steps.size()));
    values.put(name, v);
    return v;
  }

  /** The graph's output as the caller's f32 buffer in ONNX's order, written by the steps that follow. */
  Value outputValue(String name, long[] dims) {
    Value out = track(new Value(name, dims, memory.data_type.f32, Value.Home.OUTPUT, steps.size()));
    values.put(name, out);
    return out;
  }

  /** Adds a step as it is (lowerings that make their own primitives and operands). */
  void addStep(Step step) {
    steps.add(step);
  }

  /** Adds a step computed in Java from {@code source} into a new value of {@code dims}. */
  void emitKernel(OnnxNode n, String kind, Value source, long[] dims, Step.Kernel kernel) {
    emitKernel(n.describe(), kind, source, newValue(n.output(), dims), kernel);
  }

  /** Adds a step computed in Java from {@code source} into a new arena value {@code name} of this type. */
  Value emitKernel(String label, String kind, Value source, String name, long[] dims, memory.data_type type,
      Step.Kernel kernel) {
    return emitKernel(label, kind, source, newValue(name, dims, type), kernel);
  }

  private Value emitKernel(String label, String kind, Value source, Value out, Step.Kernel kernel) {
    steps.add(new Step(label, kind, null, null,
        Map.of(DNNL_ARG_FROM, new Step.Bound(source, null), DNNL_ARG_DST, new Step.Bound(out, null)), kernel));
    return out;
  }

  /** A reorder of {@code source} seen through {@code view} into a new value (flattening to N×K). */
  void emitReorder(OnnxNode n, Value source, memory.desc sourceView, long[] dims, memory.desc targetView) {
    Value out = newValue(n.output(), dims);
    reorder.primitive_desc pd = new reorder.primitive_desc(Dnnl.engine(), sourceView, Dnnl.engine(), targetView,
        attributes(null), false);
    steps.add(new Step(n.describe(), "reorder", new reorder(pd), pd.scratchpad_desc(),
        Map.of(DNNL_ARG_FROM, new Step.Bound(source, sourceView), DNNL_ARG_TO, new Step.Bound(out, targetView)),
        null));
  }

  private Value newValue(String name, long[] dims) {
    return newValue(name, dims, activations);
  }

  private Value newValue(String name, long[] dims, memory.data_type type) {
    Value v = track(new Value(name, dims, type, Value.Home.ARENA, steps.size()));
    values.put(name, v);
    return v;
  }

  private Value track(Value v) {
    all.add(v);
    return v;
  }
}
