package io.ctpipe.models.runtime;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.Map;
import java.util.TreeMap;

/**
 * ONNX Runtime session options that ctpipe exposes: intra-op threads, graph optimisation level and raw session
 * configuration entries (e.g. {@code session.intra_op.allow_spinning=0}).
 */
public record SessionSettings(int intraOpThreads, OrtSession.SessionOptions.OptLevel optimization,
    Map<String, String> configEntries) {

  public SessionSettings {
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException("intra-op threads must be at least 1, got " + intraOpThreads);
    }
    configEntries = Map.copyOf(new TreeMap<>(configEntries));
  }

  /** Graph optimisation ALL, no extra entries. */
  public static SessionSettings threads(int intraOpThreads) {
    return new SessionSettings(intraOpThreads, OrtSession.SessionOptions.OptLevel.ALL_OPT, Map.of());
  }

  OrtSession.SessionOptions toOptions() throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setOptimizationLevel(optimization);
    options.setIntraOpNumThreads(intraOpThreads);
    for (Map.Entry<String, String> e : configEntries.entrySet()) {
      options.addConfigEntry(e.getKey(), e.getValue());
    }
    return options;
  }
}
