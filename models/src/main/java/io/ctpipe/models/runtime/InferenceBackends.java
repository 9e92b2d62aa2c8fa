package io.ctpipe.models.runtime;

import io.ctpipe.models.runtime.onednn.CpuFeatures;
import io.ctpipe.models.runtime.onednn.OneDnnNetworks;
import io.ctpipe.models.runtime.onednn.OneDnnPredictor;
import io.ctpipe.models.runtime.onednn.StepTimes;
import io.ctpipe.models.runtime.onednn.UnsupportedModelException;
import java.util.function.Supplier;

/**
 * Opens a network on the backend its settings ask for: the one place where segmentation and body part regression
 * choose between the oneDNN engine and ONNX Runtime. AUTO tries oneDNN in the asked precision, then oneDNN in fp32
 * (when only the precision was refused), then ONNX Runtime (fp32; int8 through a QDQ model's own nodes), and notes
 * why.
 */
public final class InferenceBackends {
  private InferenceBackends() {}

  /** Opens {@code network} for inputs of N×1×{@code spatial}, with this machine's CPU features. */
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
   * goes).
   */
  public static OpenedNetwork open(NetworkFile network, int[] spatial, InferenceSettings settings,
      Supplier<CpuFeatures> cpu, StepTimes profile) throws Exception {
    switch (settings.backend()) {
      case ONNXRUNTIME -> {
        if (settings.precision() == Precision.BF16) {
          throw new IllegalArgumentException("ONNX Runtime runs '" + network.id() + "' in fp32 (or int8 through "
              + "the model's own QDQ nodes); bf16 needs --runtime onednn (or auto)");
        }
        return onnxRuntime(network, spatial, settings.precision(), settings, null);
      }
      case ONEDNN -> {
        try {
          return oneDnn(network, spatial, settings.precision(), cpu, null, profile);
        } catch (UnsupportedModelException e) {
          throw new IllegalArgumentException("the oneDNN engine cannot run '" + network.id() + "': "
              + e.getMessage() + " (--runtime auto falls back to ONNX Runtime)", e);
        }
      }
      default -> {
        return auto(network, spatial, settings, cpu, profile);
      }
    }
  }

  private static OpenedNetwork auto(NetworkFile network, int[] spatial, InferenceSettings settings,
      Supplier<CpuFeatures> cpu, StepTimes profile) throws Exception {
    String why;
    try {
      return oneDnn(network, spatial, settings.precision(), cpu, null, profile);
    } catch (UnsupportedModelException e) {
      why = e.getMessage();
    } catch (LinkageError e) {
      return onnxRuntime(network, spatial, fallbackPrecision(settings), settings,
          "oneDNN's native library cannot load here (" + e + ")");
    }
    if (settings.precision() != Precision.FP32) {
      try {
        return oneDnn(network, spatial, Precision.FP32, cpu, settings.precision().label() + " refused: " + why,
            profile);
      } catch (UnsupportedModelException e) {
        why = e.getMessage();
      }
    }
    return onnxRuntime(network, spatial, fallbackPrecision(settings), settings, "oneDNN engine refused the graph: "
        + why);
  }

  /** ONNX Runtime runs a QDQ model's int8 nodes itself; anything else in fp32. */
  private static Precision fallbackPrecision(InferenceSettings settings) {
    return settings.precision() == Precision.INT8 ? Precision.INT8 : Precision.FP32;
  }

  private static OpenedNetwork oneDnn(NetworkFile network, int[] spatial, Precision precision,
      Supplier<CpuFeatures> cpu, String note, StepTimes profile) throws Exception {
    OneDnnNetworks.Lease lease = OneDnnNetworks.acquire(network::readVerified, network.sha256(),
        network.inputName(), network.outputName(), spatial, precision, cpu.get());
    try {
      return new OpenedNetwork(new OneDnnPredictor(lease, spatial, profile), Backend.ONEDNN, precision, note);
    } catch (RuntimeException | UnsupportedModelException e) {
      lease.close();
      throw e;
    }
  }

  private static OpenedNetwork onnxRuntime(NetworkFile network, int[] spatial, Precision precision,
      InferenceSettings settings, String note) throws Exception {
    OrtSessions.Lease lease = OrtSessions.acquire(network.file(), network.sha256(),
        SessionSettings.threads(settings.threads()));
    try {
      return new OpenedNetwork(new OrtPredictor(lease, network.inputName(), network.outputName(), spatial),
          Backend.ONNXRUNTIME, precision, note);
    } catch (RuntimeException | ai.onnxruntime.OrtException e) {
      lease.close();
      throw e;
    }
  }
}
