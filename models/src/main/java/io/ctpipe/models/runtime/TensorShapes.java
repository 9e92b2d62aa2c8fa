package io.ctpipe.models.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.TensorInfo;
import java.util.Map;

/** Shapes of a session's named inputs and outputs, with errors that name what is missing. */
public final class TensorShapes {
  private TensorShapes() {}

  /**
   * @param infos the session's input or output infos
   * @param what "input" or "output", for messages
   */
  public static long[] of(Map<String, NodeInfo> infos, String name, String what) {
    NodeInfo info = infos.get(name);
    if (info == null) {
      throw new IllegalArgumentException("the model has no " + what + " named '" + name + "'; it has "
          + infos.keySet());
    }
    if (!(info.getInfo() instanceof TensorInfo tensor)) {
      throw new IllegalArgumentException("the model's " + what + " '" + name + "' is not a tensor");
    }
    return tensor.getShape();
  }
}
