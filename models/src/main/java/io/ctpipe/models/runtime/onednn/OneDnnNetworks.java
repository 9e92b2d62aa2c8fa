package io.ctpipe.models.runtime.onednn;

import io.ctpipe.models.runtime.Precision;
import io.ctpipe.models.runtime.SharedByKey;

/**
 * A JVM-wide, reference-counted cache of {@link OneDnnNetwork}s keyed by model hash and precision: every thread and
 * DoFn that opens the same model shares its weights; the native memory is freed when the last user closes.
 */
public final class OneDnnNetworks {
  private static final SharedByKey<String, OneDnnNetwork, RuntimeException> NETWORKS =
      new SharedByKey<>(OneDnnNetwork::close);

  private OneDnnNetworks() {}

  /** A network borrowed from the cache; close it to give it back. */
  public static final class Lease implements AutoCloseable {
    private final SharedByKey<String, OneDnnNetwork, RuntimeException>.Lease shared;

    private Lease(SharedByKey<String, OneDnnNetwork, RuntimeException>.Lease shared) {
      this.shared = shared;
    }

    public OneDnnNetwork network() {
      return shared.get();
    }

    @Override
    public void close() {
      shared.close();
    }
  }

  /** Borrows the network for these model bytes (identified by their SHA-256), loading it on first use. */
  public static Lease acquire(OneDnnNetwork.ModelSource onnx, String sha256, String inputName,
      String outputName, int[] spatial, Precision precision, CpuFeatures cpu)
      throws UnsupportedModelException, java.io.IOException {
    String key = sha256 + "/" + (inputName == null ? "" : inputName) + "/" + (outputName == null ? "" : outputName)
        + "/" + precision;
    try {
      return new Lease(NETWORKS.acquire(key, () -> {
        OneDnnNetwork network = OneDnnNetwork.load(onnx, inputName, outputName, spatial, precision, cpu);
        // the model's bytes (as large as its weights) are garbage now: give the heap back before windows run
        System.gc();
        return network;
      }));
    } catch (UnsupportedModelException | java.io.IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Networks open now (for tests and diagnostics). */
  public static int openNetworks() {
    return NETWORKS.size();
  }
}
