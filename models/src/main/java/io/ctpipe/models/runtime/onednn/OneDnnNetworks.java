package io.ctpipe.models.runtime.onednn;

import io.ctpipe.models.runtime.Precision;
import java.util.HashMap;
import java.util.Map;

/**
 * A JVM-wide, reference-counted cache of {@link OneDnnNetwork}s keyed by model hash and precision: every thread and
 * DoFn that opens the same model shares its weights; the native memory is freed when the last user closes.
 */
public final class OneDnnNetworks {
  private static final Map<String, Shared> NETWORKS = new HashMap<>();

  private OneDnnNetworks() {}

  private static final class Shared {
    final OneDnnNetwork network;
    int users;

    Shared(OneDnnNetwork network) {
      this.network = network;
    }
  }

  /** A network borrowed from the cache; close it to give it back. */
  public static final class Lease implements AutoCloseable {
    private final String key;
    private final OneDnnNetwork network;
    private boolean closed;

    private Lease(String key, OneDnnNetwork network) {
      this.key = key;
      this.network = network;
    }

    public OneDnnNetwork network() {
      return network;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        release(key);
      }
    }
  }

  /** Borrows the network for these model bytes (identified by their SHA-256), loading it on first use. */
  public static synchronized Lease acquire(OneDnnNetwork.ModelSource onnx, String sha256, String inputName,
      String outputName, int[] spatial, Precision precision, CpuFeatures cpu)
      throws UnsupportedModelException, java.io.IOException {
    String key = sha256 + "/" + (inputName == null ? "" : inputName) + "/" + (outputName == null ? "" : outputName)
        + "/" + precision;
    Shared shared = NETWORKS.get(key);
    if (shared == null) {
      shared = new Shared(OneDnnNetwork.load(onnx, inputName, outputName, spatial, precision, cpu));
      NETWORKS.put(key, shared);
      // the model's bytes (as large as its weights) are garbage now: give the heap back before windows run
      System.gc();
    }
    shared.users++;
    return new Lease(key, shared.network);
  }

  /** Networks open now (for tests and diagnostics). */
  public static synchronized int openNetworks() {
    return NETWORKS.size();
  }

  private static synchronized void release(String key) {
    Shared shared = NETWORKS.get(key);
    if (shared != null && --shared.users == 0) {
      NETWORKS.remove(key);
      shared.network.close();
    }
  }
}
