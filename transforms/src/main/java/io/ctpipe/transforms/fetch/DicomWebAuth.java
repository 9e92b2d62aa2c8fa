package io.ctpipe.transforms.fetch;

import com.google.auth.oauth2.GoogleCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * How ctpipe authenticates to DICOMweb stores (reading series and storing SEGs): "none", or "google" for OAuth
 * access tokens from Application Default Credentials, as the Cloud Healthcare API wants. Tokens are never logged.
 */
public final class DicomWebAuth {
  private DicomWebAuth() {}

  /** The bearer-token supplier for a mode, or null for none. */
  public static Supplier<String> tokens(String mode) {
    return mode.equals("none") ? null : new GoogleAccessToken();
  }

  /** OAuth access tokens from Application Default Credentials, loaded once and refreshed when they expire. */
  private static final class GoogleAccessToken implements Supplier<String> {
    private GoogleCredentials credentials;

    @Override
    public synchronized String get() {
      try {
        if (credentials == null) {
          credentials = GoogleCredentials.getApplicationDefault()
              .createScoped("https://www.googleapis.com/auth/cloud-platform");
        }
        credentials.refreshIfExpired();
        return credentials.getAccessToken().getTokenValue();
      } catch (IOException e) {
        throw new UncheckedIOException("no Google Application Default Credentials: " + e.getMessage(), e);
      }
    }
  }
}
