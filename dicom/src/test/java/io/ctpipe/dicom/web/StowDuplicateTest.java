package io.ctpipe.dicom.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.ctpipe.dicom.phantom.PhantomSeriesWriter;
import io.ctpipe.dicom.phantom.PhantomSpec;
import io.ctpipe.dicom.testing.OrthancServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storing what a store already holds is done, not an error: a 200 or 409 answer whose Failed SOP Sequence gives reason
 * 0111H for every instance (answered here by a local server), and a real Orthanc storing the same instance twice. A
 * 409 without reasons, or any other reason, is a retryable failure naming the reasons; the bearer token is sent.
 */
class StowDuplicateTest {
  @TempDir
  Path dir;

  private static final String HEALTHCARE_CONFLICT = "[{\"error\":{\"code\":409,\"message\":\"instance already exists\","
      + "\"status\":\"ALREADY_EXISTS\"}}]";

  private record Answer(int status, String body) {}

  private DicomWebClient.StoreResult storeAgainst(Answer answer, AtomicReference<String> authorization)
      throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/dicomWeb/studies", exchange -> {
      authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
      exchange.getRequestBody().readAllBytes();
      byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/dicom+json");
      exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try {
      DicomWebClient client = new DicomWebClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
          + "/dicomWeb"), Duration.ofSeconds(10), 1 << 20, () -> "test-token");
      return client.store(List.of(new byte[] {1, 2, 3, 4}));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void healthcareApiConflictAndDuplicateReasonsAreAlreadyPresent() throws Exception {
    AtomicReference<String> auth = new AtomicReference<>();
    assertEquals(DicomWebClient.StoreResult.ALREADY_PRESENT, storeAgainst(new Answer(409,
        "{\"00081198\":{\"vr\":\"SQ\",\"Value\":[{\"00081197\":{\"vr\":\"US\",\"Value\":[273]}}]}}"), auth));
    assertEquals("Bearer test-token", auth.get());
    assertEquals(DicomWebClient.StoreResult.ALREADY_PRESENT, storeAgainst(new Answer(200,
        "{\"00081198\":{\"vr\":\"SQ\",\"Value\":[{\"00081197\":{\"vr\":\"US\",\"Value\":[273]}}]}}"), auth));
    assertEquals(DicomWebClient.StoreResult.STORED, storeAgainst(new Answer(200,
        "{\"00081199\":{\"vr\":\"SQ\",\"Value\":[{}]}}"), auth));
    assertEquals(DicomWebClient.StoreResult.STORED, storeAgainst(new Answer(200, ""), auth));
  }

  @Test
  void aConflictWithoutDuplicateReasonsOrAnotherReasonIsRetryableAndNamed() {
    AtomicReference<String> auth = new AtomicReference<>();
    DicomWebException bare = assertThrows(DicomWebException.class, () -> storeAgainst(new Answer(409,
        HEALTHCARE_CONFLICT), auth));
    assertTrue(bare.getMessage().endsWith("answered 409 Conflict without a Failed SOP Sequence: not known to be a "
        + "duplicate (0111H), the SEG is not stored"), bare.getMessage());
    assertTrue(bare.retryable());
    DicomWebException mixed = assertThrows(DicomWebException.class, () -> storeAgainst(new Answer(409,
        "{\"00081198\":{\"vr\":\"SQ\",\"Value\":[{\"00081197\":{\"vr\":\"US\",\"Value\":[273]}},"
            + "{\"00081197\":{\"vr\":\"US\",\"Value\":[290]}},{\"00081197\":{\"vr\":\"US\",\"Value\":[42753]}}]}}"),
        auth));
    assertTrue(mixed.getMessage().endsWith("refused an instance (SOP Class not supported; out of resources; not "
        + "stored, a later run retries): failure reason 0122H, A701H"), mixed.getMessage());
    assertTrue(mixed.retryable());
  }

  @Test
  void otherRefusalsKeepTheirReason() {
    AtomicReference<String> auth = new AtomicReference<>();
    DicomWebException processing = assertThrows(DicomWebException.class, () -> storeAgainst(new Answer(202,
        "{\"00081198\":{\"vr\":\"SQ\",\"Value\":[{\"00081197\":{\"vr\":\"US\",\"Value\":[49152]}}]}}"), auth));
    assertTrue(processing.getMessage().endsWith("refused an instance (cannot understand; not stored, a later run "
        + "retries): failure reason C000H"), processing.getMessage());
    DicomWebException forbidden = assertThrows(DicomWebException.class, () -> storeAgainst(new Answer(403,
        "{\"error\":{\"code\":403,\"message\":\"Permission 'healthcare.dicomStores.dicomEditor' denied\"}}"), auth));
    assertEquals(403, forbidden.status());
    assertTrue(forbidden.getMessage().contains("answered HTTP 403: {\"error\":{\"code\":403,\"message\":\"Permission"),
        forbidden.getMessage());
  }

  @Test
  void orthancTakesTheSameInstanceTwice() throws Exception {
    Path ct = dir.resolve("ct");
    PhantomSeriesWriter.write(PhantomSpec.of(new int[] {16, 16, 2}, new double[] {10, 10, 5}, 3), ct);
    List<byte[]> instances = new ArrayList<>();
    try (Stream<Path> files = Files.list(ct)) {
      for (Path f : files.sorted().toList()) {
        instances.add(Files.readAllBytes(f));
      }
    }
    try (OrthancServer orthanc = OrthancServer.start()) {
      DicomWebClient client = new DicomWebClient(orthanc.dicomWeb(), Duration.ofSeconds(30), 1 << 20, null);
      assertEquals(DicomWebClient.StoreResult.STORED, client.store(instances));
      DicomWebClient.StoreResult again = client.store(instances);
      assertTrue(again == DicomWebClient.StoreResult.STORED || again == DicomWebClient.StoreResult.ALREADY_PRESENT);
      assertEquals(2, client.searchInstances(client.studyOfSeries(seriesOf(instances.get(0))),
          seriesOf(instances.get(0))).size(), "still one copy of each instance");
    }
  }

  private static String seriesOf(byte[] file) throws Exception {
    return new io.ctpipe.dicom.DicomReader().read(file, "instance").dataset()
        .string(io.ctpipe.dicom.Tag.SERIES_INSTANCE_UID, "");
  }
}
