package io.ctpipe.dicom.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * One deadline for headers and body, and a size bound, against local servers on the loopback that trickle or send
 * too much (each handler's loop is bounded, so every server stops by itself).
 */
class DicomWebDeadlineTest {
  private interface Body {
    void send(HttpExchange exchange) throws IOException, InterruptedException;
  }

  private static <T> T against(Body body, Request<T> request) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    HttpHandler handler = exchange -> {
      try (exchange) {
        exchange.getRequestBody().readAllBytes();
        body.send(exchange);
      } catch (InterruptedException | IOException e) {
        // the client went away: this handler is done
      }
    };
    server.createContext("/dicomWeb", handler);
    server.start();
    try {
      return request.run(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/dicomWeb"));
    } finally {
      server.stop(0);
    }
  }

  private interface Request<T> {
    T run(URI base) throws Exception;
  }

  @Test
  void aServerTricklingOneBytePerTwoSecondsIsCutAtTheDeadline() throws Exception {
    DicomWebException e = assertThrows(DicomWebException.class, () -> against(exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "application/dicom+json");
      exchange.sendResponseHeaders(200, 20);
      OutputStream out = exchange.getResponseBody();
      for (int i = 0; i < 20; i++) {
        out.write('[');
        out.flush();
        Thread.sleep(2000);
      }
    }, base -> new DicomWebClient(base, Duration.ofSeconds(3), 1 << 20, null).searchInstances("1.2", "1.2.3")));
    assertTrue(e.getMessage().endsWith("did not finish within the request timeout of 3 s (headers and body)"),
        e.getMessage());
    assertTrue(e.retryable());
  }

  @Test
  void headersThatNeverComeAreCutAtTheDeadlineToo() throws Exception {
    DicomWebException e = assertThrows(DicomWebException.class, () -> against(exchange -> Thread.sleep(8000),
        base -> new DicomWebClient(base, Duration.ofSeconds(2), 1 << 20, null).searchInstances("1.2", "1.2.3")));
    assertTrue(e.getMessage().endsWith("did not finish within the request timeout of 2 s (headers and body)"),
        e.getMessage());
  }

  @Test
  void aResponseAboveTheBoundIsRefusedWithoutBufferingIt() throws Exception {
    DicomWebException declared = assertThrows(DicomWebException.class, () -> against(exchange -> {
      exchange.sendResponseHeaders(200, 4 << 20);
      exchange.getResponseBody().write(new byte[1 << 16]);
    }, base -> new DicomWebClient(base, Duration.ofSeconds(10), 1 << 20, null).searchInstances("1.2", "1.2.3")));
    assertTrue(declared.getMessage().endsWith(": the response declares 4194304 bytes, more than the limit of 1048576"),
        declared.getMessage());
    assertFalse(declared.retryable());
    DicomWebException chunked = assertThrows(DicomWebException.class, () -> against(exchange -> {
      exchange.sendResponseHeaders(200, 0);
      for (int i = 0; i < 32; i++) {
        exchange.getResponseBody().write(new byte[1 << 16]);
      }
    }, base -> new DicomWebClient(base, Duration.ofSeconds(10), 1 << 20, null).searchInstances("1.2", "1.2.3")));
    assertTrue(chunked.getMessage().endsWith(": the response exceeds the limit of 1048576 bytes"),
        chunked.getMessage());
    assertEquals(0, chunked.status());
  }
}
