package io.ctpipe.models.runtime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * The JVM-wide ONNX Runtime environment and a reference-counted cache of sessions keyed by model hash and options:
 * every thread (and every Beam DoFn instance) that asks for the same model shares one session, which is closed when
 * the last user releases it. OrtSession.run is thread-safe.
 */
public final class OrtSessions {
  private static final SharedByKey<SessionKey, OrtSession, OrtException> SESSIONS =
      new SharedByKey<>(OrtSession::close);

  private OrtSessions() {}

  /** A session borrowed from the cache; close it to give it back. */
  public static final class Lease implements AutoCloseable {
    private final SharedByKey<SessionKey, OrtSession, OrtException>.Lease shared;

    private Lease(SharedByKey<SessionKey, OrtSession, OrtException>.Lease shared) {
      this.shared = shared;
    }

    public OrtSession session() {
      return shared.get();
    }

    @Override
    public void close() throws OrtException {
      shared.close();
    }
  }

  public static OrtEnvironment environment() {
    return OrtEnvironment.getEnvironment();
  }

  /** Borrows the session with graph optimisation level ALL and the given intra-op thread count. */
  public static Lease acquire(byte[] model, String sha256, int intraOpThreads) throws OrtException {
    return acquire(model, sha256, SessionSettings.threads(intraOpThreads));
  }

  /**
   * Borrows the session for these model bytes (identified by their SHA-256) and settings, creating it on first use.
   */
  public static Lease acquire(byte[] model, String sha256, SessionSettings settings) throws OrtException {
    return acquire(new SessionKey(sha256, settings), options -> environment().createSession(model, options));
  }

  /**
   * Borrows the session for a model file whose SHA-256 the caller checked; ORT reads the file itself, so the JVM
   * never holds a copy of the weights.
   */
  public static Lease acquire(java.nio.file.Path model, String sha256, SessionSettings settings)
      throws OrtException {
    return acquire(new SessionKey(sha256, settings),
        options -> environment().createSession(model.toString(), options));
  }

  private interface Factory {
    OrtSession create(OrtSession.SessionOptions options) throws OrtException;
  }

  private static Lease acquire(SessionKey key, Factory factory) throws OrtException {
    return new Lease(SESSIONS.acquire(key, () -> {
      try (OrtSession.SessionOptions options = key.settings().toOptions()) {
        return factory.create(options);
      }
    }));
  }

  /** Number of sessions open now (for tests and diagnostics). */
  public static int openSessions() {
    return SESSIONS.size();
  }
}
