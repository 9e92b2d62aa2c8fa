package io.ctpipe.transforms.fetch;

import io.ctpipe.transforms.manifest.SeriesRef;
import java.nio.file.Path;

/** Copies a series' instances into a local folder. */
public interface SeriesFetcher {
  FetchedSeries fetch(SeriesRef ref, Path folder) throws FetchException;

  /** The fetcher for the reference's source. */
  static SeriesFetcher of(SeriesRef ref, FetchConfig config) {
    return ref.source() == SeriesRef.Source.DICOMWEB ? new DicomWebFetcher(config) : new FileSystemsFetcher(config);
  }
}
