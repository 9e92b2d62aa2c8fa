package io.ctpipe.models.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.ctpipe.models.tiling.WindowPredictor;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A network in ONNX Runtime that takes N×1×spatial inputs (3D windows or 2D slices) and returns N×C×… outputs.
 * Input and output tensors are backed by direct buffers allocated once per batch size and reused (outputs are
 * pinned, so ORT writes into them without a copy).
 */
public final class OrtPredictor implements WindowPredictor {
  private final OrtSessions.Lease lease;
  private final String inputName;
  private final String outputName;
  private final int[] spatial;
  private final long[] outputShape;
  private final Map<Integer, Tensors> tensors = new HashMap<>();

  private record Tensors(FloatBuffer input, OnnxTensor inputTensor, FloatBuffer output, OnnxTensor outputTensor) {}

  /**
   * @param inputName the graph input to feed, or null for the first
   * @param outputName the graph output to read, or null for the first
   * @param spatial the input's spatial size (the window, or the slice)
   */
  public OrtPredictor(OrtSessions.Lease lease, String inputName, String outputName, int[] spatial)
      throws OrtException {
    this.lease = lease;
    OrtSession session = lease.session();
    this.inputName = inputName != null ? inputName : session.getInputNames().iterator().next();
    this.outputName = outputName != null ? outputName : session.getOutputNames().iterator().next();
    this.spatial = spatial.clone();
    long[] in = TensorShapes.of(session.getInputInfo(), this.inputName, "input");
    long[] out = TensorShapes.of(session.getOutputInfo(), this.outputName, "output");
    if (in.length != spatial.length + 2 || in[1] != 1) {
      throw new IllegalArgumentException("the model's input is " + Arrays.toString(in) + "; ctpipe feeds N×1×"
          + Arrays.toString(spatial));
    }
    for (int a = 0; a < spatial.length; a++) {
      if (in[2 + a] > 0 && in[2 + a] != spatial[a]) {
        throw new IllegalArgumentException("the model's input is " + Arrays.toString(in) + " but the card's size is "
            + Arrays.toString(spatial));
      }
    }
    if (out.length < 2 ? out.length != 1 : out[1] < 1) {
      throw new IllegalArgumentException("the model's output " + Arrays.toString(out)
          + " has no fixed channel count");
    }
    for (int a = 2; a < out.length; a++) {
      if (out[a] < 1) {
        out[a] = a - 2 < spatial.length ? spatial[a - 2] : 1;
      }
    }
    this.outputShape = out;
  }

  @Override
  public int outputChannels() {
    return outputShape.length < 2 ? 1 : (int) outputShape[1];
  }

  @Override
  public FloatBuffer inputBuffer(int batch) {
    return tensorsFor(batch).input();
  }

  @Override
  public FloatBuffer predict(int batch) throws OrtException {
    Tensors t = tensorsFor(batch);
    try (OrtSession.Result ignored = lease.session().run(Map.of(inputName, t.inputTensor()),
        Map.of(outputName, t.outputTensor()))) {
      return t.output().clear();
    }
  }

  private Tensors tensorsFor(int batch) {
    return tensors.computeIfAbsent(batch, b -> {
      long[] inShape = new long[spatial.length + 2];
      inShape[0] = b;
      inShape[1] = 1;
      for (int a = 0; a < spatial.length; a++) {
        inShape[a + 2] = spatial[a];
      }
      long[] outShape = outputShape.clone();
      outShape[0] = b;
      FloatBuffer input = DirectFloats.allocate(Arrays.stream(inShape).reduce(1, (x, y) -> x * y));
      FloatBuffer output = DirectFloats.allocate(Arrays.stream(outShape).reduce(1, (x, y) -> x * y));
      try {
        return new Tensors(input, OnnxTensor.createTensor(OrtSessions.environment(), input, inShape), output,
            OnnxTensor.createTensor(OrtSessions.environment(), output, outShape));
      } catch (OrtException e) {
        throw new IllegalStateException("cannot create ONNX tensors: " + e.getMessage(), e);
      }
    });
  }

  @Override
  public void close() {
    for (Tensors t : tensors.values()) {
      t.inputTensor().close();
      t.outputTensor().close();
    }
    tensors.clear();
    try {
      lease.close();
    } catch (OrtException e) {
      throw new IllegalStateException("cannot close the ONNX Runtime session: " + e.getMessage(), e);
    }
  }
}
