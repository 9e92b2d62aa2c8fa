package io.ctpipe.models.runtime.onednn;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import io.ctpipe.models.runtime.OrtSessions;
import java.nio.FloatBuffer;
import java.util.Map;

/** ONNX Runtime as the reference: runs a model on one input and compares outputs with the oneDNN engine's. */
final class OrtReference {
  private OrtReference() {}

  /** ORT's output for {@code input} of shape {@code dims}. */
  static float[] run(byte[] onnx, long[] dims, float[] input) throws Exception {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
         OrtSession session = OrtSessions.environment().createSession(onnx, options);
         OnnxTensor tensor = OnnxTensor.createTensor(OrtSessions.environment(), FloatBuffer.wrap(input), dims);
         OrtSession.Result result = session.run(Map.of(session.getInputNames().iterator().next(), tensor))) {
      FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
      float[] values = new float[out.remaining()];
      out.get(values);
      return values;
    }
  }

  /** The oneDNN engine's output for the same input (fp32 unless said). */
  static float[] oneDnn(byte[] onnx, long[] dims, float[] input, io.ctpipe.models.runtime.Precision precision)
      throws Exception {
    int[] spatial = new int[dims.length - 2];
    for (int i = 0; i < spatial.length; i++) {
      spatial[i] = (int) dims[i + 2];
    }
    try (OneDnnPredictor p = new OneDnnPredictor(OneDnnNetworks.acquire(() -> onnx, sha(onnx), null, null, spatial,
        precision, CpuFeatures.detected()), spatial, null)) {
      p.inputBuffer((int) dims[0]).put(0, input);
      FloatBuffer out = p.predict((int) dims[0]);
      float[] values = new float[out.remaining()];
      out.get(values);
      return values;
    }
  }

  static String sha(byte[] onnx) {
    return io.ctpipe.models.card.ModelCards.sha256(onnx);
  }

  /** max |a − b| / max(1, max |b|). */
  static double relativeError(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
    }
    double diff = 0;
    double scale = 1;
    for (int i = 0; i < a.length; i++) {
      diff = Math.max(diff, Math.abs(a[i] - b[i]));
      scale = Math.max(scale, Math.abs(b[i]));
    }
    return diff / scale;
  }

  /** Share of voxels whose argmax over channels agrees (N = 1, C×V layout). */
  static double argmaxAgreement(float[] a, float[] b, int channels) {
    int voxels = a.length / channels;
    int agree = 0;
    for (int v = 0; v < voxels; v++) {
      agree += argmax(a, v, voxels, channels) == argmax(b, v, voxels, channels) ? 1 : 0;
    }
    return agree / (double) voxels;
  }

  static int argmax(float[] x, int v, int voxels, int channels) {
    int best = 0;
    for (int c = 1; c < channels; c++) {
      if (x[c * voxels + v] > x[best * voxels + v]) {
        best = c;
      }
    }
    return best;
  }
}
