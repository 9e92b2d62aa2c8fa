package io.ctpipe.models.runtime.onednn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.dnnl.memory;

/**
 * The constant memories of one network (weights in each kernel's layout and type, biases, scales), created once and
 * shared by every plan and thread; plans for other batch sizes reuse a weight when its layout is the same.
 */
final class WeightCache implements AutoCloseable {
  private final Map<String, List<memory>> memories = new HashMap<>();
  private long bytes;

  /** {@code source} (ONNX order {@code order} for dims {@code dims}) converted to {@code target}. */
  synchronized memory reordered(String key, ConstantTensor source, long[] dims, memory.format_tag order,
      memory.desc target) {
    List<memory> known = memories.computeIfAbsent(key, k -> new ArrayList<>());
    for (memory m : known) {
      if (m.get_desc().equals(target)) {
        return m;
      }
    }
    memory plain = new memory(Dnnl.desc(dims, memory.data_type.f32, order), Dnnl.engine());
    source.copyFloatsTo(Dnnl.view(plain, source.elements() * 4));
    memory converted = Dnnl.reordered(plain, target);
    plain.close();
    known.add(converted);
    bytes += target.get_size();
    return converted;
  }

  /** f32 values in a plain layout (biases, scales, per-channel operands), created once per key. */
  synchronized memory constant(String key, long[] dims, float[] values) {
    List<memory> known = memories.computeIfAbsent("const:" + key, k -> new ArrayList<>());
    if (known.isEmpty()) {
      known.add(Dnnl.floats(dims, values));
      bytes += values.length * 4L;
    }
    return known.get(0);
  }

  /** Native bytes held. */
  synchronized long bytes() {
    return bytes;
  }

  @Override
  public synchronized void close() {
    memories.values().forEach(list -> list.forEach(memory::close));
    memories.clear();
    bytes = 0;
  }
}
