package io.ctpipe.models.runtime.onednn;

import ai.onnx.proto.OnnxMl;
import java.util.List;
import java.util.Map;

/** One ONNX node as the engine sees it: operator, inputs (empty string for an omitted optional one), outputs, attributes. */
record OnnxNode(String op, String name, List<String> inputs, List<String> outputs,
    Map<String, OnnxMl.AttributeProto> attributes) {

  String input(int i) {
    return i < inputs.size() ? inputs.get(i) : "";
  }

  String output() {
    return outputs.get(0);
  }

  long[] ints(String attribute, long[] fallback) {
    OnnxMl.AttributeProto a = attributes.get(attribute);
    return a == null ? fallback : a.getIntsList().stream().mapToLong(Long::longValue).toArray();
  }

  long integer(String attribute, long fallback) {
    OnnxMl.AttributeProto a = attributes.get(attribute);
    return a == null ? fallback : a.getI();
  }

  float real(String attribute, float fallback) {
    OnnxMl.AttributeProto a = attributes.get(attribute);
    return a == null ? fallback : a.getF();
  }

  String text(String attribute, String fallback) {
    OnnxMl.AttributeProto a = attributes.get(attribute);
    return a == null ? fallback : a.getS().toStringUtf8();
  }

  /** "op 'name'" for messages. */
  String describe() {
    return op + " '" + (name.isEmpty() ? output() : name) + "'";
  }
}
