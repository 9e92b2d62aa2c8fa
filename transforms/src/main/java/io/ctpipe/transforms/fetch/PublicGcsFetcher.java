package io.ctpipe.transforms.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctpipe.dicom.web.DicomWebException;
import io.ctpipe.transforms.manifest.IdcBuckets;
import io.ctpipe.transforms.manifest.SeriesRef;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Fetches a series from one of IDC's public Google Cloud Storage buckets anonymously, with the Cloud Storage JSON API
 * over HTTPS: no credentials, no flag (other gs:// locations go through Beam FileSystems and the pipeline's
 * credentials). The listing is paged and bounded; sizes are checked against the limit before anything is copied,
 * and each download stops at the size the listing gave.
 */
final class PublicGcsFetcher implements SeriesFetcher {
  static final String ENDPOINT = "https://storage.googleapis.com";
  private static final long MAX_LISTING_BYTES = 16L << 20;
  private static final int MAX_PAGES = 1000;

  private final FetchConfig config;
  private final String endpoint;
  private final HttpClient http;

  PublicGcsFetcher(FetchConfig config, String endpoint) {
    this.config = config;
    this.endpoint = endpoint;
    this.http = HttpClient.newBuilder().connectTimeout(config.requestTimeout()).build();
  }

  /** True when the location is a folder of an IDC public bucket. */
  static boolean handles(String location) {
    if (!location.startsWith("gs://")) {
      return false;
    }
    String rest = location.substring(5);
    int slash = rest.indexOf('/');
    return IdcBuckets.isPublicGcs(slash < 0 ? rest : rest.substring(0, slash));
  }

  private record Item(String name, long size) {}

  @Override
  public FetchedSeries fetch(SeriesRef ref, Path folder) throws FetchException {
    String rest = ref.location().substring(5);
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String prefix = slash < 0 ? "" : rest.substring(slash + 1);
    prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    Retry retry = new Retry(config);
    List<Item> items = list(bucket, prefix, retry);
    if (items.isEmpty()) {
      throw new FetchException("no files below " + ref.location(), false);
    }
    long bytes = items.stream().mapToLong(Item::size).sum();
    if (bytes > config.maxSeriesBytes()) {
      throw new FetchException("the " + items.size() + " files below " + ref.location() + " hold " + bytes
          + " bytes, more than the limit of " + config.maxSeriesBytes(), false);
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      Item item = items.get(i);
      String name = item.name().substring(item.name().lastIndexOf('/') + 1);
      Path target = folder.resolve(names.add(name) ? name : String.format("%06d-%s", i, name));
      URI uri = URI.create(endpoint + "/storage/v1/b/" + bucket + "/o/" + encode(item.name()) + "?alt=media");
      retry.run("reading gs://" + bucket + "/" + item.name(), () -> {
        Files.write(target, get(uri, item.size()));
        return null;
      });
    }
    return new FetchedSeries(items.size(), bytes, retry.retries());
  }

  private List<Item> list(String bucket, String prefix, Retry retry) throws FetchException {
    List<Item> items = new ArrayList<>();
    String page = null;
    for (int pages = 0; pages < MAX_PAGES; pages++) {
      URI uri = URI.create(endpoint + "/storage/v1/b/" + bucket + "/o?prefix=" + encode(prefix)
          + "&fields=items(name,size),nextPageToken" + (page == null ? "" : "&pageToken=" + encode(page)));
      JsonNode listing = retry.run("listing gs://" + bucket + "/" + prefix, () -> new ObjectMapper()
          .readTree(get(uri, MAX_LISTING_BYTES)));
      for (JsonNode item : listing.path("items")) {
        String name = item.path("name").asText();
        if (!name.endsWith("/")) {
          items.add(new Item(name, item.path("size").asLong()));
        }
      }
      page = listing.path("nextPageToken").asText(null);
      if (page == null) {
        return items;
      }
    }
    throw new FetchException("listing gs://" + bucket + "/" + prefix + " has more than " + MAX_PAGES + " pages",
        false);
  }

  /** The body of a GET, refused past {@code maxBytes}; HTTP errors become IOExceptions Retry understands. */
  private byte[] get(URI uri, long maxBytes) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(config.requestTimeout()).GET().build();
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + uri, e);
    }
    try (InputStream in = response.body()) {
      byte[] body = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 64));
      if (response.statusCode() / 100 != 2) {
        throw new DicomWebException(uri + " answered HTTP " + response.statusCode() + ": "
            + new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8), response.statusCode());
      }
      if (body.length > maxBytes) {
        throw new IOException(uri + " holds more than the " + maxBytes + " bytes expected");
      }
      return body;
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
