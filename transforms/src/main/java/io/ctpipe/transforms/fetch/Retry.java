package io.ctpipe.transforms.fetch;

import io.ctpipe.dicom.web.DicomWebException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs a request again after transient failures, waiting twice as long each time up to a maximum (with up to 25 %
 * jitter). What is transient: DICOMweb answers 408, 429 or 5xx or no answer; I/O errors other than a missing file.
 */
public final class Retry {
  private final FetchConfig config;
  private int retries;

  public Retry(FetchConfig config) {
    this.config = config;
  }

  /** A request that may throw. */
  public interface Request<T> {
    T run() throws IOException;
  }

  public static boolean transientFailure(IOException e) {
    if (e instanceof DicomWebException web) {
      return web.retryable();
    }
    if (e instanceof FetchException fetch) {
      return fetch.retryable();
    }
    return !(e instanceof FileNotFoundException || e instanceof NoSuchFileException);
  }

  /** Runs the request until it succeeds, fails permanently, or has used all attempts. */
  public <T> T run(String what, Request<T> request) throws FetchException {
    long wait = config.initialBackoff().toMillis();
    for (int attempt = 1; ; attempt++) {
      try {
        return request.run();
      } catch (IOException e) {
        boolean again = transientFailure(e);
        if (!again || attempt >= config.maxAttempts()) {
          throw new FetchException(what + " failed" + (again ? " after " + attempt + " attempts" : "") + ": "
              + e.getMessage(), again, e);
        }
      }
      retries++;
      try {
        Thread.sleep(jittered(wait));
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new FetchException(what + " interrupted", true);
      }
      wait = next(wait);
    }
  }

  /** The wait after {@code wait}: twice as long, at most the configured maximum. */
  long next(long wait) {
    return Math.min(wait * 2, config.maxBackoff().toMillis());
  }

  /** A wait with up to 25 % added at random, so that workers failing together do not retry together. */
  static long jittered(long wait) {
    return wait + ThreadLocalRandom.current().nextLong(wait / 4 + 1);
  }

  /** Attempts repeated after a transient failure so far. */
  public int retries() {
    return retries;
  }
}
