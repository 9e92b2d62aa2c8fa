package io.ctpipe.transforms.fetch;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.google.auth.oauth2.GoogleCredentials;
import io.ctpipe.dicom.EnumChoices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How ctpipe authenticates to DICOMweb stores (reading series and storing SEGs): {@link Mode#NONE}, or
 * {@link Mode#GOOGLE} for OAuth access tokens from Application Default Credentials, as the Cloud Healthcare API
 * wants, scoped to {@value #HEALTHCARE_SCOPE} (the narrowest scope that API accepts). Tokens go only to the configured
 * hosts and only over https: a manifest naming another server, or plain http, gets none. Tokens are never logged.
 */
public final class DicomWebAuth {
  /** The Cloud Healthcare API's own OAuth scope. */
  public static final String HEALTHCARE_SCOPE = "https://www.googleapis.com/auth/cloud-healthcare";
  /** The Cloud Healthcare API's host, trusted by default with google authentication. */
  public static final String HEALTHCARE_HOST = "healthcare.googleapis.com";
  private static final Logger LOG = LoggerFactory.getLogger(DicomWebAuth.class);
  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

  private DicomWebAuth() {}

  /** {@code --dicomWebAuth}: no credentials (Orthanc and other open servers), or Google's. */
  public enum Mode {
    NONE, GOOGLE;

    /** Parses a constant's name in any case, with a message naming the choices (also how Beam options read it). */
    @JsonCreator
    public static Mode parse(String text) {
      return EnumChoices.parse(Mode.class, "DICOMweb authentication", text);
    }
  }

  /**
   * The hosts that get credentials when {@code --dicomWebAuthHosts} is not given: those of the configured DICOMweb
   * URLs (--stowUrl, --dicomWebUrl), and the Cloud Healthcare API's with google authentication.
   */
  public static List<String> defaultHosts(Mode mode, String... configuredUrls) {
    Set<String> hosts = new LinkedHashSet<>();
    if (mode == Mode.GOOGLE) {
      hosts.add(HEALTHCARE_HOST);
    }
    for (String url : configuredUrls) {
      if (url != null) {
        hosts.add(origin(URI.create(url)));
      }
    }
    return List.copyOf(hosts);
  }

  /** The bearer-token supplier for requests to {@code base}, or null when it gets no credentials. */
  public static Supplier<String> tokensFor(FetchConfig config, URI base) {
    return config.dicomWebAuth() == Mode.NONE ? null : tokensFor(config, base, new GoogleAccessToken());
  }

  /** {@code tokens} when {@code base} is an https URL of a configured host, else null (and says so in the log). */
  static Supplier<String> tokensFor(FetchConfig config, URI base, Supplier<String> tokens) {
    String origin = base.getHost() == null ? "" : origin(base);
    boolean https = "https".equalsIgnoreCase(base.getScheme());
    if (https && (config.dicomWebAuthHosts().contains(origin)
        || (base.getPort() == 443 && config.dicomWebAuthHosts().contains(base.getHost().toLowerCase(Locale.ROOT))))) {
      return tokens;
    }
    if (WARNED.add(base.getScheme() + "://" + origin)) {
      LOG.warn("sending no credentials to {}://{} (said once per JVM): {}", base.getScheme(), origin, https
          ? "not one of --dicomWebAuthHosts " + config.dicomWebAuthHosts() : "credentials go over https only");
    }
    return null;
  }

  /** {@code host} or {@code host:port} of a URL, lower case (the port only when the URL names one). */
  private static String origin(URI url) {
    String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
    return url.getPort() < 0 ? host : host + ":" + url.getPort();
  }

  /** OAuth access tokens from Application Default Credentials, loaded once and refreshed when they expire. */
  private static final class GoogleAccessToken implements Supplier<String> {
    private GoogleCredentials credentials;

    @Override
    public synchronized String get() {
      try {
        if (credentials == null) {
          credentials = GoogleCredentials.getApplicationDefault().createScoped(HEALTHCARE_SCOPE);
        }
        credentials.refreshIfExpired();
        return credentials.getAccessToken().getTokenValue();
      } catch (IOException e) {
        throw new UncheckedIOException("no Google Application Default Credentials: " + e.getMessage(), e);
      }
    }
  }
}
