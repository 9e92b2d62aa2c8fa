package io.ctpipe.transforms.process;

import io.ctpipe.transforms.result.SeriesResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable per-series results of one configuration below the output root. A result is committed when its series
 * is settled (complete, or failed for a reason a retry would not change) and names its series by a hash of the key,
 * so a retried bundle or a second run overwrites it with the same content. Before processing, each attempt leaves
 * an {@code .attempt-*} file that the commit deletes: the attempts a series' folder still holds are the workers that
 * died while processing it. Every attempt that returns, whatever its outcome, deletes its file.
 */
public final class SeriesResultStore {
  private static final Logger LOG = LoggerFactory.getLogger(SeriesResultStore.class);
  private final String output;
  private final String folder;
  private final String quarantineFolder;

  public SeriesResultStore(String output, String configurationHash) {
    this.output = output;
    this.folder = OutputFiles.resultsFolder(output, configurationHash);
    this.quarantineFolder = OutputFiles.join(output, "_ctpipe/quarantine/" + configurationHash + "/");
  }

  /**
   * Writes what the configuration hash stands for beside the results, {@code configuration.txt}, unless it is there
   * (every worker's processors call this; the bytes are the same).
   */
  public void describe(String identity) throws IOException {
    String path = folder + "configuration.txt";
    if (!OutputFiles.exists(path)) {
      OutputFiles.write(output, path, (identity + "\n").getBytes(StandardCharsets.UTF_8), "text/plain");
    }
  }

  /** Where the result of a series goes. */
  public String resultPath(String seriesKey) {
    return folder + OutputFiles.keyFileName(seriesKey) + ".avro";
  }

  /**
   * The committed result of a series, as a result of {@code runId}, or empty when there is none. A result
   * that cannot be read (empty, truncated, corrupt, another series') is moved aside to
   * {@code <output>/_ctpipe/quarantine/<configuration>/} with its reason logged, and counts as none: the series is
   * processed again.
   */
  public Optional<SeriesResult> read(String seriesKey, String runId) throws IOException {
    List<MatchResult.Metadata> files = OutputFiles.match(resultPath(seriesKey));
    if (files.isEmpty()) {
      return Optional.empty();
    }
    byte[] bytes = OutputFiles.read(files.get(0), SeriesResultFile.MAX_BYTES);
    try {
      return Optional.of(SeriesResultFile.decode(bytes, seriesKey, runId));
    } catch (IOException e) {
      String quarantined = quarantineFolder + OutputFiles.keyFileName(seriesKey) + "-" + runId + ".avro";
      OutputFiles.move(resultPath(seriesKey), quarantined);
      LOG.warn("moved the unreadable result of series {} to {}; processing it again: {}",
          OutputFiles.keyFileName(seriesKey), quarantined, e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Ends an attempt that returned: commits the result when it is settled (a retryable failure is left for the next
   * run) and forgets the series' unfinished attempts.
   */
  public void finish(String seriesKey, SeriesResult outcome) throws IOException {
    try {
      if (outcome.settled()) {
        OutputFiles.write(output, resultPath(seriesKey), SeriesResultFile.encode(seriesKey, outcome),
            "application/avro");
      }
    } finally {
      forgetAttempts(seriesKey);
    }
  }

  /**
   * Forgets the attempts of a series whose committed result is taken again: a worker killed between its commit and
   * its clean-up leaves one behind, and the commit shows that attempt ended.
   */
  public void forgetAttempts(String seriesKey) throws IOException {
    OutputFiles.delete(attempts(seriesKey));
  }

  /** Attempts at a series that started and never committed (their workers died, or their job did). */
  public List<MatchResult.Metadata> attempts(String seriesKey) throws IOException {
    return OutputFiles.match(folder + OutputFiles.keyFileName(seriesKey) + ".attempt-*");
  }

  /** Records that an attempt at a series starts now. */
  public void startAttempt(String seriesKey, String runId) throws IOException {
    String name = OutputFiles.keyFileName(seriesKey) + ".attempt-" + runId + "-" + java.util.UUID.randomUUID();
    OutputFiles.write(output, folder + name, ("{\"run_id\": \"" + runId + "\", \"started\": \"" + Instant.now()
        + "\"}\n").getBytes(StandardCharsets.UTF_8), "application/json");
  }
}
