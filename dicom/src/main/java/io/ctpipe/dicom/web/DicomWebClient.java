package io.ctpipe.dicom.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A DICOMweb client for STOW-RS (store), QIDO-RS (find a series' study and instances) and WADO-RS (retrieve
 * instances as stored), for Orthanc, the Google Cloud
 * Healthcare API and other servers. Each request has one deadline for headers and body and its response a size
 * limit; an optional bearer token supplier authenticates each request (tokens are never logged). Which servers get
 * a token is the caller's decision.
 */
public final class DicomWebClient {
  private static final int CONFLICT = 409;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DICOM = "application/dicom";

  private final URI base;
  private final HttpClient http;
  private final Duration timeout;
  private final long maxResponseBytes;
  private final Supplier<String> bearerToken;

  /**
   * @param base the DICOMweb root, e.g. {@code http://localhost:8042/dicom-web}
   * @param bearerToken supplies an OAuth access token, or null for servers without authentication
   */
  public DicomWebClient(URI base, Duration timeout, long maxResponseBytes, Supplier<String> bearerToken) {
    String root = base.toString();
    this.base = URI.create(root.endsWith("/") ? root.substring(0, root.length() - 1) : root);
    // no HTTP/2 upgrade on plain http: DICOMweb servers such as Orthanc may drop such requests; TLS negotiates it
    this.http = HttpClient.newBuilder().connectTimeout(timeout).version("http".equals(base.getScheme())
        ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2).build();
    this.timeout = timeout;
    this.maxResponseBytes = maxResponseBytes;
    this.bearerToken = bearerToken;
  }

  /** What a STOW-RS request did. */
  public enum StoreResult {
    /** The server stored the instances. */
    STORED,
    /** The server already held instances with these SOP Instance UIDs: a re-run or a retry, nothing to do. */
    ALREADY_PRESENT
  }

  /**
   * Stores DICOM Part 10 objects with one STOW-RS request. An instance the store already holds is not an error: a
   * 200, 202 or 409 answer whose Failed SOP Sequence gives failure reason 0111H (duplicate SOP instance) for every
   * failed instance gives {@link StoreResult#ALREADY_PRESENT}. Any other failure reason, or a 409 without reasons, is
   * a retryable exception naming the reasons ({@link StowAnswer}); other statuses carry the server's answer.
   */
  public StoreResult store(List<byte[]> instances) throws IOException {
    String boundary = "ctpipe-" + UUID.randomUUID();
    byte[] body = Multipart.encode(instances, DICOM, boundary);
    HttpRequest request = request(URI.create(base + "/studies"))
        .header("Content-Type", "multipart/related; type=\"" + DICOM + "\"; boundary=" + boundary)
        .header("Accept", "application/dicom+json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    Response response = exchange(request, "STOW-RS");
    if (response.status() != CONFLICT) {
      requireSuccess(response, request, "STOW-RS");
    }
    return StowAnswer.classify(response.status(), response.body(), request.uri());
  }

  /** Retrieves one instance as stored (no transcoding). */
  public byte[] retrieveInstance(String study, String series, String instance) throws IOException {
    URI uri = URI.create(base + "/studies/" + study + "/series/" + series + "/instances/" + instance);
    HttpRequest request = request(uri)
        .header("Accept", "multipart/related; type=\"" + DICOM + "\"; transfer-syntax=*").GET().build();
    Response response = send(request, "WADO-RS");
    List<byte[]> parts = Multipart.decode(response.body(), Multipart.boundary(response.contentType()));
    if (parts.size() != 1) {
      throw new DicomWebException("WADO-RS " + uri + " returned " + parts.size() + " parts for one instance", 0);
    }
    return parts.get(0);
  }

  /** The SOP Instance UIDs of a series (QIDO-RS); empty when the server has none. */
  public List<String> searchInstances(String study, String series) throws IOException {
    return search(URI.create(base + "/studies/" + study + "/series/" + series + "/instances?includefield=00080018"),
        "00080018");
  }

  /** The Study Instance UID of a series (QIDO-RS over all studies). */
  public String studyOfSeries(String series) throws IOException {
    URI uri = URI.create(base + "/series?SeriesInstanceUID=" + series + "&includefield=0020000D");
    List<String> studies = search(uri, "0020000D");
    if (studies.isEmpty()) {
      throw new DicomWebException("QIDO-RS " + uri + " found no series " + series, 404);
    }
    return studies.get(0);
  }

  private List<String> search(URI uri, String tag) throws IOException {
    HttpRequest request = request(uri).header("Accept", "application/dicom+json").GET().build();
    Response response = send(request, "QIDO-RS");
    if (response.body().length == 0) {
      return List.of();
    }
    JsonNode results;
    try {
      results = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new DicomWebException("QIDO-RS " + uri + " returned invalid JSON: " + e.getMessage(), 0);
    }
    List<String> values = new ArrayList<>();
    for (JsonNode result : results) {
      JsonNode value = result.path(tag).path("Value").path(0);
      if (value.isTextual()) {
        values.add(value.asText());
      }
    }
    return values;
  }

  private HttpRequest.Builder request(URI uri) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout);
    if (bearerToken != null) {
      builder.header("Authorization", "Bearer " + bearerToken.get());
    }
    return builder;
  }

  private record Response(int status, byte[] body, String contentType) {}

  /** Sends a request and checks its answer is 2xx. */
  private Response send(HttpRequest request, String what) throws IOException {
    return requireSuccess(exchange(request, what), request, what);
  }

  private static Response requireSuccess(Response response, HttpRequest request, String what)
      throws DicomWebException {
    if (response.status() / 100 != 2) {
      String text = new String(response.body(), 0, Math.min(response.body().length, 300),
          java.nio.charset.StandardCharsets.UTF_8);
      throw new DicomWebException(what + " " + request.uri() + " answered HTTP " + response.status() + ": "
          + text.replaceAll("\\s+", " "), response.status());
    }
    return response;
  }

  /**
   * Sends a request and reads its answer, whatever its status, within one deadline for headers and body together
   * (the timeout) and up to the size limit ({@link BoundedBody}): a server that trickles or never ends holds no
   * thread past the deadline.
   */
  private Response exchange(HttpRequest request, String what) throws IOException {
    CompletableFuture<HttpResponse<byte[]>> future = http.sendAsync(request, BoundedBody.handler(maxResponseBytes));
    HttpResponse<byte[]> response;
    try {
      response = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new DicomWebException(what + " " + request.uri() + " did not finish within the request timeout of "
          + timeout.toSeconds() + " s (headers and body)", 0);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new DicomWebException(what + " " + request.uri() + " interrupted", 0);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof BoundedBody.TooLargeException tooLarge) {
        throw new DicomWebException(what + " " + request.uri() + ": " + tooLarge.getMessage(), 0, false);
      }
      throw new DicomWebException(what + " " + request.uri() + " failed: " + cause.getMessage(), 0);
    }
    return new Response(response.statusCode(), response.body(),
        response.headers().firstValue("Content-Type").orElse(""));
  }
}
