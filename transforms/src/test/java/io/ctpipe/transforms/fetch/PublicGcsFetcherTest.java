package io.ctpipe.transforms.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.ctpipe.transforms.manifest.SeriesRef;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IDC's public buckets are read anonymously through the Cloud Storage JSON API (a local server answers as
 * storage.googleapis.com does: paged listings, alt=media downloads), without an Authorization header; other gs://
 * locations keep Beam FileSystems and the pipeline's credentials.
 */
class PublicGcsFetcherTest {
  @TempDir
  Path dir;

  private static final String UUID = "0a1b2c3d-0000-4000-8000-000000000001";

  @Test
  void idcBucketsAreReadAnonymouslyPageByPage() throws Exception {
    AtomicReference<String> auth = new AtomicReference<>("none");
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/storage/v1/b/idc-open-data/o", exchange -> {
      if (exchange.getRequestHeaders().containsKey("Authorization")) {
        auth.set(exchange.getRequestHeaders().getFirst("Authorization"));
      }
      String query = exchange.getRequestURI().getRawQuery();
      String path = exchange.getRequestURI().getRawPath();
      String body;
      if (path.endsWith("/o")) {
        assertTrue(query.contains("prefix=" + UUID + "%2F"), query);
        body = query.contains("pageToken=p2")
            ? "{\"items\":[{\"name\":\"" + UUID + "/b.dcm\",\"size\":\"3\"}]}"
            : "{\"items\":[{\"name\":\"" + UUID + "/a.dcm\",\"size\":\"4\"}],\"nextPageToken\":\"p2\"}";
      } else {
        assertTrue(query.equals("alt=media"), query);
        body = path.endsWith("a.dcm") ? "AAAA" : "BBB";
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
    try {
      PublicGcsFetcher fetcher = new PublicGcsFetcher(FetchConfig.defaults(), "http://127.0.0.1:"
          + server.getAddress().getPort());
      FetchedSeries fetched = fetcher.fetch(ref("gs://idc-open-data/" + UUID + "/"), dir);
      assertEquals(2, fetched.instances());
      assertEquals(7, fetched.bytes());
      assertArrayEquals("AAAA".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(dir.resolve("a.dcm")));
      assertArrayEquals("BBB".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(dir.resolve("b.dcm")));
      assertEquals("none", auth.get(), "no credentials are sent to a public bucket");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aRefusalIsPermanentAndNamed() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      byte[] bytes = "{\"error\":{\"code\":403,\"message\":\"Anonymous caller does not have storage.objects.list\"}}"
          .getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(403, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
    try {
      PublicGcsFetcher fetcher = new PublicGcsFetcher(FetchConfig.defaults(), "http://127.0.0.1:"
          + server.getAddress().getPort());
      FetchException e = assertThrows(FetchException.class, () -> fetcher.fetch(ref("gs://idc-open-data/" + UUID
          + "/"), dir));
      assertFalse(e.retryable());
      assertTrue(e.getMessage().contains("answered HTTP 403: {\"error\":{\"code\":403,\"message\":\"Anonymous caller"),
          e.getMessage());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void onlyIdcsPublicBucketsSkipTheCredentials() {
    assertInstanceOf(PublicGcsFetcher.class, SeriesFetcher.of(ref("gs://idc-open-data/" + UUID + "/"),
        FetchConfig.defaults()));
    assertInstanceOf(PublicGcsFetcher.class, SeriesFetcher.of(ref("gs://idc-open-cr/" + UUID + "/"),
        FetchConfig.defaults()));
    assertInstanceOf(FileSystemsFetcher.class, SeriesFetcher.of(ref("gs://my-private-bucket/ct/"),
        FetchConfig.defaults()));
    assertInstanceOf(FileSystemsFetcher.class, SeriesFetcher.of(ref(dir.toString()), FetchConfig.defaults()));
  }

  private static SeriesRef ref(String location) {
    return SeriesRef.files("location:" + location, location, null, null, null, "test:1");
  }
}
