package io.ctpipe.models.optimize;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtSession;
import io.ctpipe.models.runtime.OrtSessions;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Minimum and maximum of chosen intermediate tensors of a network on calibration windows: the graph gets those
 * tensors as extra outputs and runs once per window in ONNX Runtime.
 */
final class ActivationRanges {
  private ActivationRanges() {}

  /** [min, max] per tensor name over all calibration windows. */
  static Map<String, float[]> measure(OnnxMl.ModelProto model, List<String> tensors, String inputName,
      long[] windowShape, List<float[]> windows) throws Exception {
    OnnxMl.GraphProto.Builder graph = model.getGraph().toBuilder();
    for (String t : tensors) {
      graph.addOutput(OnnxMl.ValueInfoProto.newBuilder().setName(t).setType(OnnxMl.TypeProto.newBuilder()
          .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
              .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()))));
    }
    byte[] probe = model.toBuilder().setGraph(graph).build().toByteArray();
    Map<String, float[]> ranges = new HashMap<>();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
         OrtSession session = OrtSessions.environment().createSession(probe, options)) {
      for (float[] window : windows) {
        try (OnnxTensor input = OnnxTensor.createTensor(OrtSessions.environment(), FloatBuffer.wrap(window),
            windowShape); OrtSession.Result result = session.run(Map.of(inputName, input),
            new java.util.HashSet<>(tensors))) {
          for (Map.Entry<String, OnnxValue> e : result) {
            FloatBuffer values = ((OnnxTensor) e.getValue()).getFloatBuffer();
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            while (values.hasRemaining()) {
              float v = values.get();
              min = Math.min(min, v);
              max = Math.max(max, v);
            }
            float[] previous = ranges.get(e.getKey());
            ranges.put(e.getKey(), previous == null ? new float[] {min, max}
                : new float[] {Math.min(min, previous[0]), Math.max(max, previous[1])});
          }
        }
      }
    }
    return ranges;
  }
}
