package io.ctpipe.pipeline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time of a Flink cluster's JVMs (JobManager and every TaskManager) from its REST API's
 * {@code Status.JVM.CPU.Time} metric, so that a benchmark can count the cores a job used on the cluster. The REST API
 * answers from its metric cache and refreshes the cache in the background when a request finds it older than
 * {@code metrics.fetcher.update-interval} (runners/flink/config.yaml sets 1 s): a reading asks once to start the
 * refresh, waits two intervals, then reads, asking again while a metric is not collected yet.
 */
final class FlinkClusterCpu {
  /** A REST answer of a cluster is a few kilobytes; anything larger is refused before it is parsed. */
  private static final int MAX_RESPONSE_BYTES = 1 << 20;
  private static final String CPU = "Status.JVM.CPU.Time";
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;

  /** @param master host:port of the cluster's REST endpoint */
  FlinkClusterCpu(String master) {
    this.base = "http://" + master;
  }

  private static final Duration FRESH = Duration.ofSeconds(2);
  private static final int ATTEMPTS = 20;

  /** Nanoseconds of CPU the cluster's JVMs have used so far. */
  long nanos() throws IOException, InterruptedException {
    List<String> paths = new ArrayList<>(List.of("/jobmanager/metrics?get=" + CPU));
    for (JsonNode taskManager : get("/taskmanagers").path("taskmanagers")) {
      paths.add("/taskmanagers/" + taskManager.path("id").asText() + "/metrics?get=" + CPU);
    }
    for (String path : paths) {
      get(path);
    }
    Thread.sleep(FRESH.toMillis());
    long total = 0;
    for (String path : paths) {
      total += metric(path);
    }
    return total;
  }

  private long metric(String path) throws IOException, InterruptedException {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      for (JsonNode m : get(path)) {
        if (CPU.equals(m.path("id").asText()) && m.has("value")) {
          return m.path("value").asLong();
        }
      }
      Thread.sleep(FRESH.toMillis() / 4);
    }
    throw new IOException(base + path + " reports no " + CPU);
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      byte[] bytes = body.readNBytes(MAX_RESPONSE_BYTES + 1);
      if (bytes.length > MAX_RESPONSE_BYTES) {
        throw new IOException(base + path + " answered more than " + MAX_RESPONSE_BYTES + " bytes");
      }
      if (response.statusCode() != 200) {
        throw new IOException(base + path + " answered HTTP " + response.statusCode());
      }
      return BenchJson.MAPPER.readTree(bytes);
    }
  }
}
