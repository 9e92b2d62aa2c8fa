package io.ctpipe.transforms.fetch;

import java.io.Serializable;
import java.time.Duration;

/**
 * Limits and retry policy for fetching a series.
 *
 * @param maxSeriesBytes a series larger than this is refused before any download
 * @param requestTimeout per request (DICOMweb) timeout
 * @param maxAttempts attempts per request, the first included
 * @param initialBackoff wait before the second attempt; doubled after each failure, with jitter
 * @param dicomWebAuth "none" (Orthanc and other open servers) or "google" (Application Default Credentials)
 */
public record FetchConfig(long maxSeriesBytes, Duration requestTimeout, int maxAttempts, Duration initialBackoff,
    String dicomWebAuth) implements Serializable {

  public FetchConfig {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (!dicomWebAuth.equals("none") && !dicomWebAuth.equals("google")) {
      throw new IllegalArgumentException("DICOMweb authentication '" + dicomWebAuth + "' is not none or google");
    }
  }

  public static FetchConfig defaults() {
    return new FetchConfig(4L << 30, Duration.ofSeconds(120), 5, Duration.ofMillis(500), "none");
  }
}
