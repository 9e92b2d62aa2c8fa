package io.ctpipe.models.imports;

import io.ctpipe.models.checkpoint.Tensor;
import io.ctpipe.models.zoo.WeightSource;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Parameters taken from a checkpoint's state dict by name, with shapes checked; remembers which keys were used so
 * that keys the network does not have can be reported.
 */
final class CheckpointWeights implements WeightSource {
  private final Map<String, Tensor> state;
  private final Set<String> used = new LinkedHashSet<>();

  CheckpointWeights(Map<String, Tensor> state) {
    this.state = state;
  }

  @Override
  public float[] weights(String name, long[] shape, Init init, int fanIn) {
    Tensor t = state.get(name);
    if (t == null) {
      throw new IllegalArgumentException("the checkpoint has no parameter '" + name + "' (shape "
          + Arrays.toString(shape) + ") that the network needs");
    }
    if (!Arrays.equals(t.shape(), shape)) {
      throw new IllegalArgumentException("parameter '" + name + "' has shape " + t.shapeText() + " in the checkpoint "
          + "but the network needs " + Arrays.toString(shape));
    }
    if (t.floats() == null) {
      throw new IllegalArgumentException("parameter '" + name + "' is " + t.dtype() + ", not a float tensor");
    }
    used.add(name);
    return t.floats();
  }

  /** Keys of the state dict that no parameter of the network took, in checkpoint order. */
  Set<String> unused() {
    Set<String> out = new LinkedHashSet<>(state.keySet());
    out.removeAll(used);
    return out;
  }
}
