package io.ctpipe.models.runtime.onednn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds the opset-17 export of GroupNorm (Reshape to N×G×−1 → InstanceNormalization with unit scale and zero bias →
 * Reshape back to Shape(x) → Mul by γ → Add β) into one {@code GroupNormalization} node with per-channel scale and
 * bias (opset-21 semantics), and drops nodes whose outputs nothing uses any more.
 */
final class GroupNormPattern {
  private GroupNormPattern() {}

  static List<OnnxNode> fold(List<OnnxNode> nodes, Map<String, ConstantTensor> constants) {
    Map<String, OnnxNode> producers = new HashMap<>();
    Map<String, List<OnnxNode>> consumers = new HashMap<>();
    for (OnnxNode n : nodes) {
      n.outputs().forEach(o -> producers.put(o, n));
      n.inputs().forEach(i -> consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(n));
    }
    Map<OnnxNode, OnnxNode> replaced = new HashMap<>();
    Set<OnnxNode> removed = new HashSet<>();
    for (OnnxNode reshape : nodes) {
      List<OnnxNode> chain = match(reshape, producers, consumers, constants);
      if (chain != null) {
        OnnxNode last = chain.get(chain.size() - 1);
        OnnxNode norm = chain.get(1);
        long groups = constants.get(reshape.input(1)).asInts()[1];
        String scale = chain.size() > 3 ? otherInput(chain.get(3), chain.get(2).output()) : "";
        String bias = chain.size() > 4 ? otherInput(chain.get(4), chain.get(3).output()) : "";
        replaced.put(reshape, new OnnxNode("GroupNormalization", last.name(),
            List.of(reshape.input(0), scale, bias), last.outputs(), Map.of(
                "epsilon", norm.attributes().get("epsilon") != null ? norm.attributes().get("epsilon")
                    : ai.onnx.proto.OnnxMl.AttributeProto.newBuilder().setName("epsilon").setF(1e-5f).build(),
                "num_groups", ai.onnx.proto.OnnxMl.AttributeProto.newBuilder().setName("num_groups")
                    .setI(groups).build())));
        removed.addAll(chain.subList(1, chain.size()));
      }
    }
    List<OnnxNode> out = new ArrayList<>();
    for (OnnxNode n : nodes) {
      if (!removed.contains(n)) {
        out.add(replaced.getOrDefault(n, n));
      }
    }
    return dropUnused(out);
  }

  /** Reshape, InstanceNorm, Reshape[, Mul[, Add]] when {@code reshape} starts the pattern; else null. */
  private static List<OnnxNode> match(OnnxNode reshape, Map<String, OnnxNode> producers,
      Map<String, List<OnnxNode>> consumers, Map<String, ConstantTensor> constants) {
    if (!reshape.op().equals("Reshape") || !constants.containsKey(reshape.input(1))) {
      return null;
    }
    long[] shape = constants.get(reshape.input(1)).asInts();
    if (shape.length != 3 || shape[0] != 0 || shape[2] != -1 || shape[1] < 1) {
      return null;
    }
    OnnxNode norm = only(consumers, reshape.output());
    if (norm == null || !norm.op().equals("InstanceNormalization")
        || !isConstant(constants, norm.input(1), 1f) || !isConstant(constants, norm.input(2), 0f)) {
      return null;
    }
    OnnxNode back = only(consumers, norm.output());
    if (back == null || !back.op().equals("Reshape")) {
      return null;
    }
    OnnxNode shapeOf = producers.get(back.input(1));
    if (shapeOf == null || !shapeOf.op().equals("Shape") || !shapeOf.input(0).equals(reshape.input(0))) {
      return null;
    }
    List<OnnxNode> chain = new ArrayList<>(List.of(reshape, norm, back));
    OnnxNode mul = only(consumers, back.output());
    if (mul != null && mul.op().equals("Mul") && perChannel(constants, otherInput(mul, back.output()))) {
      chain.add(mul);
      OnnxNode add = only(consumers, mul.output());
      if (add != null && add.op().equals("Add") && perChannel(constants, otherInput(add, mul.output()))) {
        chain.add(add);
      }
    }
    return chain;
  }

  private static OnnxNode only(Map<String, List<OnnxNode>> consumers, String value) {
    List<OnnxNode> c = consumers.get(value);
    return c != null && c.size() == 1 ? c.get(0) : null;
  }

  private static String otherInput(OnnxNode binary, String value) {
    return binary.input(0).equals(value) ? binary.input(1) : binary.input(0);
  }

  private static boolean isConstant(Map<String, ConstantTensor> constants, String name, float value) {
    ConstantTensor t = constants.get(name);
    return t != null && t.allEqual(value);
  }

  /** A constant of shape C×1×…×1 (or C): one value per channel. */
  private static boolean perChannel(Map<String, ConstantTensor> constants, String name) {
    ConstantTensor t = constants.get(name);
    if (t == null || t.dims().length == 0) {
      return false;
    }
    for (int i = 1; i < t.dims().length; i++) {
      if (t.dims()[i] != 1) {
        return false;
      }
    }
    return true;
  }

  private static List<OnnxNode> dropUnused(List<OnnxNode> nodes) {
    Set<String> used = new HashSet<>();
    nodes.forEach(n -> used.addAll(n.inputs()));
    List<OnnxNode> out = new ArrayList<>();
    for (OnnxNode n : nodes) {
      if (!n.op().equals("Shape") || used.contains(n.output())) {
        out.add(n);
      }
    }
    return out;
  }
}
