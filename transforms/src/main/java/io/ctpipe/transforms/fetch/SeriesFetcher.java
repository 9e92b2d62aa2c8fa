package io.ctpipe.transforms.fetch;

import io.ctpipe.transforms.manifest.SeriesRef;
import java.nio.file.Path;

/** Copies a series' instances into a local folder. */
public interface SeriesFetcher {
  FetchedSeries fetch(SeriesRef ref, Path folder) throws FetchException;

  /**
   * The fetcher for the reference's source: DICOMweb; IDC's public buckets anonymously (no credentials needed);
   * any other location through Beam FileSystems with the pipeline's credentials.
   */
  static SeriesFetcher of(SeriesRef ref, FetchConfig config) {
    if (ref.source() == SeriesRef.Source.DICOMWEB) {
      return new DicomWebFetcher(config);
    }
    return PublicGcsFetcher.handles(ref.location()) ? new PublicGcsFetcher(config, PublicGcsFetcher.ENDPOINT)
        : new FileSystemsFetcher(config);
  }
}
