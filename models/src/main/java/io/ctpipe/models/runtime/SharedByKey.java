package io.ctpipe.models.runtime;

import java.util.HashMap;
import java.util.Map;

/**
 * Resources shared JVM-wide by key and counted by their users: made on the first {@link #acquire}, closed when the
 * last {@link Lease} is closed. Thread-safe. ONNX Runtime sessions and oneDNN networks are kept this way.
 *
 * @param <E> what closing a resource may throw
 */
public final class SharedByKey<K, V, E extends Exception> {
  /** Makes the resource for a key that has none. */
  @FunctionalInterface
  public interface Maker<V, X extends Exception> {
    V make() throws X;
  }

  /** Frees a resource. */
  @FunctionalInterface
  public interface Closer<V, E extends Exception> {
    void close(V value) throws E;
  }

  private static final class Entry<V> {
    final V value;
    int users;

    Entry(V value) {
      this.value = value;
    }
  }

  private final Map<K, Entry<V>> entries = new HashMap<>();
  private final Closer<V, E> closer;

  public SharedByKey(Closer<V, E> closer) {
    this.closer = closer;
  }

  /** One user's hold on a shared resource; close it to give it back. */
  public final class Lease implements AutoCloseable {
    private final K key;
    private final V value;
    private boolean closed;

    private Lease(K key, V value) {
      this.key = key;
      this.value = value;
    }

    public V get() {
      return value;
    }

    @Override
    public void close() throws E {
      if (!closed) {
        closed = true;
        release(key);
      }
    }
  }

  /** The resource for {@code key}, made by {@code maker} if nobody holds it. */
  public synchronized <X extends Exception> Lease acquire(K key, Maker<V, X> maker) throws X {
    Entry<V> entry = entries.get(key);
    if (entry == null) {
      entry = new Entry<>(maker.make());
      entries.put(key, entry);
    }
    entry.users++;
    return new Lease(key, entry.value);
  }

  /** Resources held now. */
  public synchronized int size() {
    return entries.size();
  }

  private synchronized void release(K key) throws E {
    Entry<V> entry = entries.get(key);
    if (entry != null && --entry.users == 0) {
      entries.remove(key);
      closer.close(entry.value);
    }
  }
}
