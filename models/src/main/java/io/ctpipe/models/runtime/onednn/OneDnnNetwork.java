package io.ctpipe.models.runtime.onednn;

import io.ctpipe.models.runtime.Precision;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An ONNX network ready to run on oneDNN in one precision: the graph read once, weights reordered once into each
 * kernel's layout and shared, and one {@link CompiledPlan} per input shape, compiled on first use. Thread-safe; the
 * per-thread state lives in {@link PlanContext}.
 */
public final class OneDnnNetwork implements AutoCloseable {
  private final ModelSource source;
  private OnnxModel model;
  private final Precision precision;
  private final org.bytedeco.dnnl.memory.data_type floatType;
  private final WeightCache weights = new WeightCache();
  private final Map<List<Long>, CompiledPlan> plans = new HashMap<>();

  /** Where the ONNX bytes come from: read once at load, and again only if a new shape needs a weight not yet made. */
  @FunctionalInterface
  public interface ModelSource {
    byte[] read() throws java.io.IOException;
  }

  private OneDnnNetwork(ModelSource source, OnnxModel model, Precision precision,
      org.bytedeco.dnnl.memory.data_type floatType) {
    this.source = source;
    this.model = model;
    this.precision = precision;
    this.floatType = floatType;
  }

  /**
   * Reads the graph and compiles it for one input of {@code spatial} size, so that an operator outside the engine's
   * set is found now.
   *
   * @throws UnsupportedModelException when the engine cannot run the graph or the precision; the message says why
   */
  public static OneDnnNetwork load(ModelSource source, String inputName, String outputName, int[] spatial,
      Precision precision, CpuFeatures cpu) throws UnsupportedModelException, java.io.IOException {
    if (precision == Precision.BF16 && !cpu.bf16()) {
      throw new UnsupportedModelException("bf16 needs a CPU with AVX512-BF16, AVX10 or AMX; this one offers "
          + cpu.isa() + ": use --precision fp32");
    }
    OnnxModel model = OnnxModel.read(source.read(), inputName, outputName, precision == Precision.INT8);
    if (precision == Precision.INT8 && model.quantization.isEmpty()) {
      throw new UnsupportedModelException("int8 needs a model with quantised (QDQ) convolutions; write one with "
          + "'ctpipe models quantize'");
    }
    // between int8 layers activations are bf16 where the CPU runs it natively, else f32
    org.bytedeco.dnnl.memory.data_type floatType = precision == Precision.FP32
        || (precision == Precision.INT8 && !cpu.bf16()) ? org.bytedeco.dnnl.memory.data_type.f32
        : org.bytedeco.dnnl.memory.data_type.bf16;
    OneDnnNetwork network = new OneDnnNetwork(source, model, precision, floatType);
    try {
      network.plan(1, spatial);
    } catch (UnsupportedModelException | RuntimeException e) {
      network.close();
      throw e;
    }
    return network;
  }

  /** The plan for {@code batch} inputs of {@code spatial} size, compiled on first use. */
  synchronized CompiledPlan plan(int batch, int[] spatial) throws UnsupportedModelException {
    long[] dims = new long[spatial.length + 2];
    dims[0] = batch;
    dims[1] = model.inputDims.length > 1 && model.inputDims[1] > 0 ? model.inputDims[1] : 1;
    if (model.inputDims.length != dims.length) {
      throw new IllegalArgumentException("the model's input has rank " + model.inputDims.length + "; "
          + spatial.length + " spatial sizes were given");
    }
    for (int a = 0; a < spatial.length; a++) {
      dims[a + 2] = spatial[a];
      if (model.inputDims[a + 2] > 0 && model.inputDims[a + 2] != spatial[a]) {
        throw new IllegalArgumentException("the model's input is " + Arrays.toString(model.inputDims)
            + " but windows of " + Arrays.toString(spatial) + " were asked for");
      }
    }
    List<Long> key = Arrays.stream(dims).boxed().toList();
    CompiledPlan plan = plans.get(key);
    if (plan == null) {
      try {
        plan = PlanCompiler.compile(model, dims, floatType, weights);
      } catch (ConstantTensor.ReleasedConstantException e) {
        model = reread();
        plan = PlanCompiler.compile(model, dims, floatType, weights);
      }
      model = model.withoutLargeConstants();
      plans.put(key, plan);
    }
    return plan;
  }

  private OnnxModel reread() throws UnsupportedModelException {
    try {
      return OnnxModel.read(source.read(), model.inputName, model.outputName, precision == Precision.INT8);
    } catch (java.io.IOException e) {
      throw new UnsupportedModelException("cannot read the model again for a new input shape: " + e.getMessage());
    }
  }

  @Override
  public synchronized void close() {
    for (CompiledPlan p : plans.values()) {
      p.steps.forEach(s -> {
        if (s.primitive != null) {
          s.primitive.close();
        }
      });
    }
    plans.clear();
    weights.close();
  }
}
