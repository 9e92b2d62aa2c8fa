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
 * @param dicomWebAuth none (Orthanc and other open servers) or google (Application Default Credentials)
 * @param dicomWebAuthHosts the hosts ({@code host} or {@code host:port}, lower case) that get credentials, over https
 *     only; any other origin gets none
 */
public record FetchConfig(long maxSeriesBytes, Duration requestTimeout, long maxResponseBytes, int maxAttempts,
    Duration initialBackoff, Duration maxBackoff, DicomWebAuth.Mode dicomWebAuth, List<String> dicomWebAuthHosts)
    implements Serializable {
  /** Defaults of the pipeline's options ({@code CtPipelineOptions}) and of {@link #defaults()}. */
  public static final long DEFAULT_MAX_SERIES_BYTES = 4L << 30;
  public static final int DEFAULT_REQUEST_TIMEOUT_SECONDS = 120;
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 512L << 20;
  public static final int DEFAULT_MAX_ATTEMPTS = 5;
  public static final long DEFAULT_INITIAL_BACKOFF_MILLIS = 500;
  public static final long DEFAULT_MAX_BACKOFF_MILLIS = 30_000;
  private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?");

  public FetchConfig {
    java.util.Objects.requireNonNull(dicomWebAuth, "dicomWebAuth");
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
    dicomWebAuthHosts = dicomWebAuthHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
    for (String host : dicomWebAuthHosts) {
      if (!HOST.matcher(host).matches()) {
        throw new IllegalArgumentException("dicomWebAuthHosts: '" + host + "' is not a host name or host:port");
      }
    }
  }

  /** Retry and size defaults of the pipeline's options, no DICOMweb credentials. */
  public static FetchConfig defaults() {
    return new FetchConfig(DEFAULT_MAX_SERIES_BYTES, Duration.ofSeconds(DEFAULT_REQUEST_TIMEOUT_SECONDS),
        DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_MAX_ATTEMPTS, Duration.ofMillis(DEFAULT_INITIAL_BACKOFF_MILLIS),
        Duration.ofMillis(DEFAULT_MAX_BACKOFF_MILLIS), DicomWebAuth.Mode.NONE, List.of());
  }
}
