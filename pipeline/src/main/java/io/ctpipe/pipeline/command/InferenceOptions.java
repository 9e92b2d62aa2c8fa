package io.ctpipe.pipeline.command;

import io.ctpipe.models.runtime.Backend;
import io.ctpipe.models.runtime.InferenceOverrides;
import io.ctpipe.models.runtime.Precision;
import picocli.CommandLine.Option;

/** --runtime, --precision and --threads, shared by the commands that run a network. */
public final class InferenceOptions {
  @Option(names = "--runtime", description = "auto (oneDNN when it runs the graph, else ONNX Runtime), onednn or "
      + "onnxruntime (default: the card's, auto when it says nothing).")
  Backend runtime;

  @Option(names = "--precision", description = "fp32, bf16 or int8 (default: the card's, fp32 when it says nothing).")
  Precision precision;

  @Option(names = "--threads", converter = Converters.Threads.class, description = "ONNX Runtime intra-op threads "
      + "(default: available processors); the oneDNN engine uses OMP_NUM_THREADS (default: all cores).")
  Integer threads;

  public InferenceOverrides overrides() {
    return new InferenceOverrides(runtime, precision, threadCount());
  }

  public int threadCount() {
    return threads != null ? threads : Runtime.getRuntime().availableProcessors();
  }
}
