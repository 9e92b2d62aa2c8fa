package io.ctpipe.models.runtime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.HashMap;
import java.util.Map;

/**
 * The JVM-wide ONNX Runtime environment and a reference-counted cache of sessions keyed by model hash and options:
 * every thread (and every Beam DoFn instance) that asks for the same model shares one session, which is closed when
 * the last user releases it. OrtSession.run is thread-safe.
 */
public final class OrtSessions {
  private static final Map<SessionKey, Shared> SESSIONS = new HashMap<>();

  private OrtSessions() {}

  /** A session borrowed from the cache; close it to give it back. */
  public static final class Lease implements AutoCloseable {
    private final SessionKey key;
    private final OrtSession session;
    private boolean closed;

    private Lease(SessionKey key, OrtSession session) {
      this.key = key;
      this.session = session;
    }

    public OrtSession session() {
      return session;
    }

    @Override
    public void close() throws OrtException {
      if (!closed) {
        closed = true;
        release(key);
      }
    }
  }

  private static final class Shared {
    final OrtSession session;
    int users;

    Shared(OrtSession session) {
      this.session = session;
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

  private static synchronized Lease acquire(SessionKey key, Factory factory) throws OrtException {
    Shared shared = SESSIONS.get(key);
    if (shared == null) {
      try (OrtSession.SessionOptions options = key.settings().toOptions()) {
        shared = new Shared(factory.create(options));
      }
      SESSIONS.put(key, shared);
    }
    shared.users++;
    return new Lease(key, shared.session);
  }

  /** Number of sessions open now (for tests and diagnostics). */
  public static synchronized int openSessions() {
    return SESSIONS.size();
  }

  private static synchronized void release(SessionKey key) throws OrtException {
    Shared shared = SESSIONS.get(key);
    if (shared != null && --shared.users == 0) {
      SESSIONS.remove(key);
      shared.session.close();
    }
  }
}
