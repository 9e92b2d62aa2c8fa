package io.ctpipe.pipeline.beam;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server in front of a DICOMweb server that answers 503 to the first {@code failures} GET requests
 * whose path contains a marker, then forwards everything: a transient fault on one series.
 */
final class FaultyProxy implements AutoCloseable {
  private final HttpServer server;
  private final AtomicInteger failuresLeft;
  private final AtomicInteger failed = new AtomicInteger();

  FaultyProxy(URI target, String marker, int failures) throws IOException {
    failuresLeft = new AtomicInteger(failures);
    HttpClient client = HttpClient.newHttpClient();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      try (exchange) {
        String pathAndQuery = exchange.getRequestURI().toString();
        if (pathAndQuery.contains(marker) && failuresLeft.getAndDecrement() > 0) {
          failed.incrementAndGet();
          respond(exchange, 503, "text/plain", "busy, try again".getBytes());
          return;
        }
        HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(target + pathAndQuery)).GET();
        exchange.getRequestHeaders().getOrDefault("Accept", java.util.List.of()).forEach(v -> forward.header("Accept",
            v));
        HttpResponse<byte[]> response = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
        respond(exchange, response.statusCode(), response.headers().firstValue("Content-Type").orElse(
            "application/octet-stream"), response.body());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    server.start();
  }

  private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** The proxy's base URL for the target's root path. */
  String base(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  int failedRequests() {
    return failed.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
