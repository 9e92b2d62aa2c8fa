package io.ctpipe.transforms.process;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The memory that the series processed at once in one JVM share: each series reserves its estimate before decoding
 * and waits while the others' reservations leave too little (a series larger than the whole budget is refused
 * before it gets here, so a reservation always fits once the others finish).
 */
final class MemoryBudget {
  private static final Map<Long, MemoryBudget> SHARED = new ConcurrentHashMap<>();
  private final long limit;
  private long reserved;
  private int waiting;

  MemoryBudget(long limit) {
    this.limit = limit;
  }

  /** The budget every processor of this JVM with the same limit shares. */
  static MemoryBudget shared(long limit) {
    return SHARED.computeIfAbsent(limit, MemoryBudget::new);
  }

  long limit() {
    return limit;
  }

  /** A reservation, released by {@code close()}. */
  interface Reservation extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Waits until {@code bytes} fit beside the other reservations, then takes them.
   *
   * @throws IllegalArgumentException when {@code bytes} exceed the whole budget
   */
  Reservation reserve(long bytes) throws InterruptedException {
    if (bytes > limit) {
      throw new IllegalArgumentException(bytes + " bytes exceed the budget of " + limit);
    }
    synchronized (this) {
      waiting++;
      try {
        while (reserved + bytes > limit) {
          wait();
        }
      } finally {
        waiting--;
      }
      reserved += bytes;
    }
    return () -> release(bytes);
  }

  synchronized long reserved() {
    return reserved;
  }

  /** Series waiting for room now. */
  synchronized int waiting() {
    return waiting;
  }

  private synchronized void release(long bytes) {
    reserved -= bytes;
    notifyAll();
  }
}
