package io.ctpipe.models.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.ctpipe.models.tiling.WindowPredictor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * A segmentation network in ONNX Runtime that takes N×1×R windows and returns N×C×R logits. Input and output
 * tensors are backed by direct buffers allocated once per batch size and reused (outputs are pinned, so ORT writes
 * into them without a copy).
 */
public final class OnnxSegmentationModel implements WindowPredictor, AutoCloseable {
  private final OrtSessions.Lease lease;
  private final String inputName;
  private final String outputName;
  private final int[] roi;
  private final int channels;
  private final Map<Integer, Tensors> tensors = new HashMap<>();

  private record Tensors(FloatBuffer input, OnnxTensor inputTensor, FloatBuffer output, OnnxTensor outputTensor) {}

  /**
   * @param inputName the graph input to feed, or null for the first
   * @param outputName the graph output to read, or null for the first
   * @param roi window size the model takes
   */
  public OnnxSegmentationModel(OrtSessions.Lease lease, String inputName, String outputName, int[] roi)
      throws OrtException {
    this.lease = lease;
    OrtSession session = lease.session();
    this.inputName = inputName != null ? inputName : session.getInputNames().iterator().next();
    this.outputName = outputName != null ? outputName : session.getOutputNames().iterator().next();
    this.roi = roi.clone();
    long[] in = TensorShapes.of(session.getInputInfo(), this.inputName, "input");
    long[] out = TensorShapes.of(session.getOutputInfo(), this.outputName, "output");
    if (in.length != 5 || out.length != 5) {
      throw new IllegalArgumentException("the model's input has rank " + in.length + " and output rank "
          + out.length + "; a 3D segmentation model takes N×1×D×H×W and returns N×C×D×H×W");
    }
    if (in[1] != 1) {
      throw new IllegalArgumentException("the model's input has " + in[1] + " channels; ctpipe feeds one (CT)");
    }
    for (int a = 0; a < 3; a++) {
      if (in[2 + a] > 0 && in[2 + a] != roi[a]) {
        throw new IllegalArgumentException("the model's input is " + in[2] + "x" + in[3] + "x" + in[4]
            + " but the card's ROI is " + roi[0] + "x" + roi[1] + "x" + roi[2]);
      }
    }
    if (out[1] < 1) {
      throw new IllegalArgumentException("the model's output has no fixed channel count");
    }
    this.channels = (int) out[1];
  }

  @Override
  public int outputChannels() {
    return channels;
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
      return t.output();
    }
  }

  private Tensors tensorsFor(int batch) {
    return tensors.computeIfAbsent(batch, b -> {
      long window = (long) roi[0] * roi[1] * roi[2];
      FloatBuffer input = direct(b * window);
      FloatBuffer output = direct(b * window * channels);
      try {
        return new Tensors(input, OnnxTensor.createTensor(OrtSessions.environment(), input,
            new long[] {b, 1, roi[0], roi[1], roi[2]}), output, OnnxTensor.createTensor(
            OrtSessions.environment(), output, new long[] {b, channels, roi[0], roi[1], roi[2]}));
      } catch (OrtException e) {
        throw new IllegalStateException("cannot create ONNX tensors: " + e.getMessage(), e);
      }
    });
  }

  private static FloatBuffer direct(long floats) {
    if (floats * 4 > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(floats + " floats exceed one 2 GiB buffer: use a smaller window batch");
    }
    return ByteBuffer.allocateDirect((int) floats * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
  }

  @Override
  public void close() throws OrtException {
    for (Tensors t : tensors.values()) {
      t.inputTensor().close();
      t.outputTensor().close();
    }
    tensors.clear();
    lease.close();
  }
}
