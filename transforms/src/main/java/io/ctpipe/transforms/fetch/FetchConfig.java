package io.ctpipe.transforms.fetch;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Limits, retry policy and DICOMweb credentials for fetching a series (and storing its SEGs).
 *
 * @param maxSeriesBytes a series larger than this is refused before any download
 * @param requestTimeout per DICOMweb request, headers and body together
 * @param maxResponseBytes the largest DICOMweb response body kept (one instance, one search answer)
 * @param maxAttempts attempts per request, the first included
 * @param initialBackoff wait before the second attempt; doubled after each failure up to {@code maxBackoff}, with
 *     jitter
 * @param maxBackoff the longest wait between two attempts
 * @param dicomWebAuth "none" (Orthanc and other open servers) or "google" (Application Default Credentials)
 * @param dicomWebAuthHosts the hosts ({@code host} or {@code host:port}, lower case) that get credentials, over https
 *     only; any other origin gets none
 */
public record FetchConfig(long maxSeriesBytes, Duration requestTimeout, long maxResponseBytes, int maxAttempts,
    Duration initialBackoff, Duration maxBackoff, String dicomWebAuth, List<String> dicomWebAuthHosts)
    implements Serializable {
  private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?");

  public FetchConfig {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeoutSeconds must be at least 1");
    }
    if (maxResponseBytes < 1) {
      throw new IllegalArgumentException("maxResponseBytes must be at least 1");
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoffMillis (" + maxBackoff.toMillis() + ") is less than "
          + "initialBackoffMillis (" + initialBackoff.toMillis() + ")");
    }
    if (!dicomWebAuth.equals("none") && !dicomWebAuth.equals("google")) {
      throw new IllegalArgumentException("DICOMweb authentication '" + dicomWebAuth + "' is not none or google");
    }
    dicomWebAuthHosts = dicomWebAuthHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
    for (String host : dicomWebAuthHosts) {
      if (!HOST.matcher(host).matches()) {
        throw new IllegalArgumentException("dicomWebAuthHosts: '" + host + "' is not a host name or host:port");
      }
    }
  }

  /** Retry and size defaults of the pipeline's options, no DICOMweb credentials. */
  public static FetchConfig defaults() {
    return new FetchConfig(4L << 30, Duration.ofSeconds(120), 512L << 20, 5, Duration.ofMillis(500),
        Duration.ofSeconds(30), "none", List.of());
  }
}
