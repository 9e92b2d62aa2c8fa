package io.ctpipe.models.runtime;

import io.ctpipe.models.runtime.onednn.CpuFeatures;
import io.ctpipe.models.runtime.onednn.OneDnnNetworks;
import io.ctpipe.models.runtime.onednn.OneDnnPredictor;
import io.ctpipe.models.runtime.onednn.StepTimes;
import io.ctpipe.models.runtime.onednn.UnsupportedModelException;
import io.ctpipe.models.tiling.WindowPredictor;
import java.util.function.Supplier;

/**
 * The one place where segmentation and body part regression choose between the oneDNN engine and ONNX Runtime.
 * {@link #resolve} decides, without running a window, what a network's settings run on here: AUTO tries oneDNN in the
 * asked precision (compiling its plan), then oneDNN in fp32 (when only the precision was refused), then ONNX Runtime
 * (fp32; int8 through a QDQ model's own nodes), and says why. Whatever runs in fp32 runs a quantised network's fp32
 * source when it names one ({@link NetworkFile#fp32()}), not its int8-rounded weights.
 * {@link #open(NetworkFile, int[], ResolvedInference)} opens exactly a resolved choice and never falls back.
 */
public final class InferenceBackends {
  private InferenceBackends() {}

  /** A resolved choice and, for oneDNN, the compiled network kept for the caller that opens it at once. */
  private record Probe(ResolvedInference runs, OneDnnNetworks.Lease lease) {}

  /** What {@code asked} runs {@code network} on for inputs of N×1×{@code spatial}, on this machine's CPU. */
  public static ResolvedInference resolve(NetworkFile network, int[] spatial, InferenceSettings asked)
      throws Exception {
    return resolve(network, spatial, asked, CpuFeatures::detected);
  }

  /**
   * As above with the CPU's features given (tests play other CPUs). The oneDNN plan compiled to find out is freed
   * again unless another user holds the network.
   *
   * @throws IllegalArgumentException when an explicit backend cannot run the network in the asked precision
   */
  public static ResolvedInference resolve(NetworkFile network, int[] spatial, InferenceSettings asked,
      Supplier<CpuFeatures> cpu) throws Exception {
    Probe probe = probe(network, spatial, asked, cpu);
    if (probe.lease() != null) {
      probe.lease().close();
    }
    return probe.runs();
  }

  /** Resolves and opens {@code network} in one step, with this machine's CPU features. */
  public static OpenedNetwork open(NetworkFile network, int[] spatial, InferenceSettings settings) throws Exception {
    return open(network, spatial, settings, CpuFeatures::detected);
  }

  /** As above with the CPU's features given (tests play other CPUs). */
  public static OpenedNetwork open(NetworkFile network, int[] spatial, InferenceSettings settings,
      Supplier<CpuFeatures> cpu) throws Exception {
    return open(network, spatial, settings, cpu, null);
  }

  /**
   * As above; oneDNN adds the time of each step by kind to {@code profile} when given (benchmarks: where the time
   * goes). The plan compiled to resolve is the one that runs.
   */
  public static OpenedNetwork open(NetworkFile network, int[] spatial, InferenceSettings settings,
      Supplier<CpuFeatures> cpu, StepTimes profile) throws Exception {
    Probe probe = probe(network, spatial, settings, cpu);
    return probe.lease() == null ? onnxRuntime(network, spatial, probe.runs())
        : oneDnn(network, probe.lease(), spatial, probe.runs(), cpu, profile);
  }

  /** Opens exactly {@code runs} with this machine's CPU features. */
  public static OpenedNetwork open(NetworkFile network, int[] spatial, ResolvedInference runs) throws Exception {
    return open(network, spatial, runs, CpuFeatures::detected);
  }

  /**
   * Opens exactly {@code runs}, as resolved elsewhere (at launch, on another machine).
   *
   * @throws BackendUnavailableException when this machine cannot run it, naming what was resolved and why not
   */
  public static OpenedNetwork open(NetworkFile network, int[] spatial, ResolvedInference runs,
      Supplier<CpuFeatures> cpu) throws Exception {
    try {
      return runs.backend() == Backend.ONNXRUNTIME ? onnxRuntime(network, spatial, runs)
          : oneDnn(network, compile(network, spatial, runs.precision(), cpu), spatial, runs, cpu, null);
    } catch (UnsupportedModelException | LinkageError e) {
      throw new BackendUnavailableException("'" + network.id() + "' is configured to run on " + runs.describe()
          + (runs.reason() == null ? "" : " (" + runs.reason() + ")") + " but cannot run on it here: "
          + (e instanceof LinkageError ? "its native library cannot load (" + e + ")" : e.getMessage()), e);
    }
  }

  private static Probe probe(NetworkFile network, int[] spatial, InferenceSettings asked, Supplier<CpuFeatures> cpu)
      throws Exception {
    switch (asked.backend()) {
      case ONNXRUNTIME -> {
        if (asked.precision() == Precision.BF16) {
          throw new IllegalArgumentException("ONNX Runtime runs '" + network.id() + "' in fp32 (or int8 through "
              + "the model's own QDQ nodes); bf16 needs --runtime onednn (or auto)");
        }
        return new Probe(new ResolvedInference(Backend.ONNXRUNTIME, asked.precision(), asked.threads(), null), null);
      }
      case ONEDNN -> {
        try {
          return new Probe(new ResolvedInference(Backend.ONEDNN, asked.precision(), asked.threads(), null),
              compile(network, spatial, asked.precision(), cpu));
        } catch (UnsupportedModelException e) {
          throw new IllegalArgumentException("the oneDNN engine cannot run '" + network.id() + "': "
              + e.getMessage() + " (--runtime auto falls back to ONNX Runtime)", e);
        }
      }
      default -> {
        return auto(network, spatial, asked, cpu);
      }
    }
  }

  private static Probe auto(NetworkFile network, int[] spatial, InferenceSettings asked, Supplier<CpuFeatures> cpu)
      throws Exception {
    String why;
    try {
      return new Probe(new ResolvedInference(Backend.ONEDNN, asked.precision(), asked.threads(), null),
          compile(network, spatial, asked.precision(), cpu));
    } catch (UnsupportedModelException e) {
      why = e.getMessage();
    } catch (LinkageError e) {
      return onnxRuntimeFallback(asked, "oneDNN's native library cannot load here (" + e + ")");
    }
    if (asked.precision() != Precision.FP32) {
      try {
        return new Probe(new ResolvedInference(Backend.ONEDNN, Precision.FP32, asked.threads(),
            asked.precision().label() + " refused: " + why), compile(network, spatial, Precision.FP32, cpu));
      } catch (UnsupportedModelException e) {
        why = e.getMessage();
      }
    }
    return onnxRuntimeFallback(asked, "oneDNN engine refused the graph: " + why);
  }

  /** ONNX Runtime runs a QDQ model's int8 nodes itself; anything else in fp32. */
  private static Probe onnxRuntimeFallback(InferenceSettings asked, String reason) {
    Precision precision = asked.precision() == Precision.INT8 ? Precision.INT8 : Precision.FP32;
    return new Probe(new ResolvedInference(Backend.ONNXRUNTIME, precision, asked.threads(), reason), null);
  }

  /** fp32 compiles a quantised network's fp32 source when it names one ({@link NetworkFile#fp32()}). */
  private static OneDnnNetworks.Lease compile(NetworkFile network, int[] spatial, Precision precision,
      Supplier<CpuFeatures> cpu) throws UnsupportedModelException, java.io.IOException {
    NetworkFile source = precision == Precision.FP32 ? network.fp32() : network;
    return OneDnnNetworks.acquire(source::readVerified, source.sha256(), source.inputName(),
        source.outputName(), spatial, precision, cpu.get());
  }

  /**
   * bf16 and int8 run their mostly constant windows in fp32 ({@link ConstantWindowGuard}).
   */
  private static OpenedNetwork oneDnn(NetworkFile network, OneDnnNetworks.Lease lease, int[] spatial,
      ResolvedInference runs, Supplier<CpuFeatures> cpu, StepTimes profile)
      throws UnsupportedModelException, java.io.IOException {
    WindowPredictor predictor;
    try {
      predictor = new OneDnnPredictor(lease, spatial, profile);
    } catch (RuntimeException | UnsupportedModelException e) {
      lease.close();
      throw e;
    }
    if (runs.precision() == Precision.FP32) {
      return new OpenedNetwork(predictor, runs);
    }
    try {
      OpenedNetwork fp32 = oneDnn(network, compile(network, spatial, Precision.FP32, cpu), spatial,
          new ResolvedInference(Backend.ONEDNN, Precision.FP32, runs.threads(), null), cpu, profile);
      return new OpenedNetwork(new ConstantWindowGuard(predictor, fp32.predictor(),
          ConstantWindowGuard.threshold(runs.precision())), runs);
    } catch (RuntimeException | UnsupportedModelException | java.io.IOException e) {
      predictor.close();
      throw e;
    }
  }

  private static OpenedNetwork onnxRuntime(NetworkFile network, int[] spatial, ResolvedInference runs)
      throws Exception {
    NetworkFile source = runs.precision() == Precision.FP32 ? network.fp32() : network;
    OrtSessions.Lease lease = OrtSessions.acquire(source.file(), source.sha256(),
        SessionSettings.threads(runs.threads()));
    try {
      return new OpenedNetwork(new OrtPredictor(lease, network.inputName(), network.outputName(), spatial), runs);
    } catch (RuntimeException | ai.onnxruntime.OrtException e) {
      lease.close();
      throw e;
    }
  }
}
