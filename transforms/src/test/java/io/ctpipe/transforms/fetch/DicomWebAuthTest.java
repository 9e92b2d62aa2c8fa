package io.ctpipe.transforms.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.ctpipe.transforms.manifest.SeriesRef;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker's credentials go to configured hosts over https only, whatever a manifest names. */
class DicomWebAuthTest {
  private static FetchConfig google(List<String> hosts) {
    return new FetchConfig(1 << 20, Duration.ofSeconds(5), 1 << 20, 1, Duration.ofMillis(1), Duration.ofMillis(1),
        DicomWebAuth.Mode.GOOGLE, hosts);
  }

  @Test
  void onlyHttpsRequestsToConfiguredHostsGetTokens() {
    Supplier<String> tokens = () -> "secret";
    FetchConfig config = google(List.of("healthcare.googleapis.com", "pacs.example.org:8443"));
    assertSame(tokens, DicomWebAuth.tokensFor(config, URI.create("https://healthcare.googleapis.com/v1/projects/p/"
        + "locations/l/datasets/d/dicomStores/s/dicomWeb"), tokens));
    assertSame(tokens, DicomWebAuth.tokensFor(config, URI.create("https://Healthcare.googleapis.com:443/v1"), tokens));
    assertSame(tokens, DicomWebAuth.tokensFor(config, URI.create("https://pacs.example.org:8443/dicom-web"), tokens));
    assertNull(DicomWebAuth.tokensFor(config, URI.create("http://healthcare.googleapis.com/v1"), tokens));
    assertNull(DicomWebAuth.tokensFor(config, URI.create("https://evil.example.com/dicomWeb"), tokens));
    assertNull(DicomWebAuth.tokensFor(config, URI.create("https://pacs.example.org/dicom-web"), tokens));
    assertNull(DicomWebAuth.tokensFor(config, URI.create("https://healthcare.googleapis.com.evil.example/v1"), tokens));
  }

  @Test
  void defaultHostsAreTheConfiguredStoresAndTheHealthcareApi() {
    assertEquals(List.of("healthcare.googleapis.com", "pacs.example.org:8443"), DicomWebAuth.defaultHosts(
        DicomWebAuth.Mode.GOOGLE,
        "https://healthcare.googleapis.com/v1/projects/p/dicomWeb", "https://PACS.example.org:8443/dicom-web", null));
    assertEquals(List.of(), DicomWebAuth.defaultHosts(DicomWebAuth.Mode.NONE, null, null));
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> google(List.of("https://evil.example.com/")));
    assertEquals("dicomWebAuthHosts: 'https://evil.example.com/' is not a host name or host:port", bad.getMessage());
  }

  @Test
  void aManifestNamingAForeignServerGetsNoAuthorizationHeader(@TempDir Path folder) throws Exception {
    List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/dicomWeb", exchange -> {
      try (exchange) {
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/dicom+json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      }
    });
    server.start();
    try {
      SeriesRef foreign = SeriesRef.dicomWeb("http://127.0.0.1:" + server.getAddress().getPort() + "/dicomWeb",
          "1.2.3", "1.2.3.4", null, "manifest.txt:1");
      FetchException e = assertThrows(FetchException.class,
          () -> new DicomWebFetcher(google(List.of("healthcare.googleapis.com"))).fetch(foreign, folder));
      assertEquals("the DICOMweb store has no instances of series 1.2.3.4", e.getMessage());
    } finally {
      server.stop(0);
    }
    assertEquals(List.of("null"), authorizations);
  }

  @Test
  void backoffDoublesUpToItsCap() {
    Retry retry = new Retry(new FetchConfig(1, Duration.ofSeconds(1), 1, 3, Duration.ofMillis(500),
        Duration.ofMillis(3000), DicomWebAuth.Mode.NONE, List.of()));
    assertEquals(1000, retry.next(500));
    assertEquals(3000, retry.next(2000));
    assertEquals(3000, retry.next(3000));
    for (int i = 0; i < 100; i++) {
      long wait = Retry.jittered(3000);
      assertTrue(wait >= 3000 && wait <= 3750, Long.toString(wait));
    }
  }
}
