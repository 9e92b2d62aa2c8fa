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
    return converted;
  }

  /** int8 {@code source} (ONNX order {@code order} for dims {@code dims}) converted to {@code target}. */
  synchronized memory reorderedInt8(String key, ConstantTensor source, long[] dims, memory.format_tag order,
      memory.desc target) {
    List<memory> known = memories.computeIfAbsent("s8:" + key, k -> new ArrayList<>());
    for (memory m : known) {
      if (m.get_desc().equals(target)) {
        return m;
      }
    }
    memory plain = new memory(Dnnl.desc(dims, memory.data_type.s8, order), Dnnl.engine());
    source.copyInt8To(Dnnl.view(plain, source.elements()));
    memory converted = Dnnl.reordered(plain, target);
    plain.close();
    known.add(converted);
    return converted;
  }

  /** One s32 value (a zero point), created once per key. */
  synchronized memory int32(String key, int value) {
    List<memory> known = memories.computeIfAbsent("s32:" + key, k -> new ArrayList<>());
    if (known.isEmpty()) {
      memory m = new memory(Dnnl.desc(new long[] {1}, memory.data_type.s32, memory.format_tag.a), Dnnl.engine());
      Dnnl.view(m, 4).putInt(0, value);
      known.add(m);
    }
    return known.get(0);
  }

  /** f32 values in a plain layout (biases, scales, per-channel operands), created once per key. */
  synchronized memory constant(String key, long[] dims, float[] values) {
    List<memory> known = memories.computeIfAbsent("const:" + key, k -> new ArrayList<>());
    if (known.isEmpty()) {
      known.add(Dnnl.floats(dims, values));
    }
    return known.get(0);
  }

  @Override
  public synchronized void close() {
    memories.values().forEach(list -> list.forEach(memory::close));
    memories.clear();
  }
}
