package io.ctpipe.transforms.fetch;

import io.ctpipe.transforms.manifest.SeriesRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Fetches the objects below a folder or prefix through Beam FileSystems (local files, gs://, and any other scheme
 * whose filesystem is on the class path) into one flat folder, keeping their names (numbered when two share one).
 * Sizes are summed from the listing and checked against the limit before anything is copied.
 */
final class FileSystemsFetcher implements SeriesFetcher {
  private final FetchConfig config;

  FileSystemsFetcher(FetchConfig config) {
    this.config = config;
  }

  @Override
  public FetchedSeries fetch(SeriesRef ref, Path folder) throws FetchException {
    String location = ref.location();
    String pattern = (location.endsWith("/") ? location : location + "/") + "**";
    Retry retry = new Retry(config);
    List<MatchResult.Metadata> objects = retry.run("listing " + pattern, () -> list(pattern));
    if (objects.isEmpty()) {
      throw new FetchException("no files below " + location, false);
    }
    long bytes = objects.stream().mapToLong(MatchResult.Metadata::sizeBytes).sum();
    if (bytes > config.maxSeriesBytes()) {
      throw new FetchException("the " + objects.size() + " files below " + location + " hold " + bytes
          + " bytes, more than the limit of " + config.maxSeriesBytes(), false);
    }
    java.util.Set<String> names = new java.util.HashSet<>();
    for (int i = 0; i < objects.size(); i++) {
      MatchResult.Metadata object = objects.get(i);
      String name = object.resourceId().getFilename();
      Path target = folder.resolve(names.add(name) ? name : String.format("%06d-%s", i, name));
      retry.run("reading " + object.resourceId(), () -> {
        try (InputStream in = Channels.newInputStream(FileSystems.open(object.resourceId()))) {
          return Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
      });
    }
    return new FetchedSeries(objects.size(), bytes, retry.retries());
  }

  private static List<MatchResult.Metadata> list(String pattern) throws IOException {
    MatchResult result = FileSystems.match(pattern);
    if (result.status() == MatchResult.Status.NOT_FOUND) {
      return List.of();
    }
    if (result.status() != MatchResult.Status.OK) {
      throw new IOException("listing " + pattern + " returned " + result.status());
    }
    return result.metadata().stream().filter(m -> !m.resourceId().isDirectory()).toList();
  }
}
