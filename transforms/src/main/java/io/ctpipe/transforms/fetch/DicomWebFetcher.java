package io.ctpipe.transforms.fetch;

import io.ctpipe.dicom.web.DicomWebClient;
import io.ctpipe.transforms.manifest.SeriesRef;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fetches a series from a DICOMweb store: QIDO-RS for its study (when the manifest did not give it) and its
 * instances, WADO-RS for each instance as stored. Each response is bounded by the series size limit; the running
 * total is checked after every instance.
 */
final class DicomWebFetcher implements SeriesFetcher {
  private final FetchConfig config;

  DicomWebFetcher(FetchConfig config) {
    this.config = config;
  }

  @Override
  public FetchedSeries fetch(SeriesRef ref, Path folder) throws FetchException {
    URI base = URI.create(ref.location());
    DicomWebClient client = new DicomWebClient(base, config.requestTimeout(), config.maxResponseBytes(),
        DicomWebAuth.tokensFor(config, base));
    Retry retry = new Retry(config);
    String series = ref.seriesInstanceUid();
    String study = ref.studyInstanceUid() != null ? ref.studyInstanceUid()
        : retry.run("finding the study of series " + series, () -> client.studyOfSeries(series));
    List<String> instances = retry.run("listing series " + series, () -> client.searchInstances(study, series));
    if (instances.isEmpty()) {
      throw new FetchException("the DICOMweb store has no instances of series " + series, false);
    }
    long bytes = 0;
    for (int i = 0; i < instances.size(); i++) {
      String instance = instances.get(i);
      byte[] data = retry.run("retrieving instance " + instance, () -> client.retrieveInstance(study, series,
          instance));
      bytes += data.length;
      if (bytes > config.maxSeriesBytes()) {
        throw new FetchException("series " + series + " exceeds the limit of " + config.maxSeriesBytes()
            + " bytes after " + (i + 1) + " of " + instances.size() + " instances", false);
      }
      Path target = folder.resolve(String.format("%06d.dcm", i));
      try {
        Files.write(target, data);
      } catch (IOException e) {
        throw new FetchException("cannot write " + target + ": " + e.getMessage(), false, e);
      }
    }
    return new FetchedSeries(instances.size(), bytes, retry.retries());
  }
}
