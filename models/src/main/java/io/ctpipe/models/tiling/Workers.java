package io.ctpipe.models.tiling;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The threads the work around the network (blending, accumulation, argmax) is spread over: a range is cut into
 * contiguous parts, one per thread, the caller running the first. Every caller gives each voxel to exactly one part
 * and a voxel's result never depends on the others, so results do not depend on the thread count.
 */
final class Workers implements AutoCloseable {
  /** One part of a range: [from, to), with the part's index (for its scratch buffers), below {@link #threads()}. */
  @FunctionalInterface
  interface Part {
    void run(int part, int from, int to);
  }

  private final int threads;
  private final ExecutorService pool;

  Workers(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("the tiler needs at least one thread, got " + threads);
    }
    this.threads = threads;
    this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, task -> {
      Thread t = new Thread(task, "ctpipe-tiling");
      t.setDaemon(true);
      return t;
    });
  }

  int threads() {
    return threads;
  }

  /** Runs [0, n) in at most {@link #threads()} parts of at least {@code minPerPart} each (one part when n is small). */
  void split(int n, int minPerPart, Part part) {
    int parts = (int) Math.max(1, Math.min(threads, n / Math.max(1L, minPerPart)));
    if (parts == 1) {
      part.run(0, 0, n);
      return;
    }
    List<Future<?>> others = new ArrayList<>(parts - 1);
    for (int p = 1; p < parts; p++) {
      int index = p;
      int from = bound(n, p, parts);
      int to = bound(n, p + 1, parts);
      others.add(pool.submit(() -> part.run(index, from, to)));
    }
    try {
      part.run(0, 0, bound(n, 1, parts));
    } finally {
      waitFor(others);
    }
  }

  private static int bound(int n, int p, int parts) {
    return (int) ((long) n * p / parts);
  }

  private static void waitFor(List<Future<?>> others) {
    boolean interrupted = false;
    RuntimeException failure = null;
    for (Future<?> f : others) {
      while (true) {
        try {
          f.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (failure == null) {
            failure = cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
          }
          break;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdown();
    }
  }
}
