package io.ctpipe.models.runtime;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.Map;
import java.util.TreeMap;

/**
 * ONNX Runtime session options that ctpipe exposes: intra-op threads, graph optimisation level, whether the CPU
 * arena allocator and memory-pattern planning are used, and raw session configuration entries (e.g.
 * {@code session.intra_op.allow_spinning=0}).
 */
public record SessionSettings(int intraOpThreads, OrtSession.SessionOptions.OptLevel optimization,
    boolean cpuArena, boolean memoryPattern, Map<String, String> configEntries) {

  public SessionSettings {
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException("intra-op threads must be at least 1, got " + intraOpThreads);
    }
    configEntries = Map.copyOf(new TreeMap<>(configEntries));
  }

  /**
   * Graph optimisation ALL, arena on, memory-pattern planning off (it pre-plans one block for all activations:
   * −490 MB peak RSS for SegResNetDS at 96³, same speed within noise; docs/benchmarks.md), no extra entries.
   */
  public static SessionSettings threads(int intraOpThreads) {
    return new SessionSettings(intraOpThreads, OrtSession.SessionOptions.OptLevel.ALL_OPT, true, false, Map.of());
  }

  OrtSession.SessionOptions toOptions() throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setOptimizationLevel(optimization);
    options.setIntraOpNumThreads(intraOpThreads);
    options.setCPUArenaAllocator(cpuArena);
    options.setMemoryPatternOptimization(memoryPattern);
    for (Map.Entry<String, String> e : configEntries.entrySet()) {
      options.addConfigEntry(e.getKey(), e.getValue());
    }
    return options;
  }
}
