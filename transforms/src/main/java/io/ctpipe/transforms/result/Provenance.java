package io.ctpipe.transforms.result;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * When and by what a series' result was made: a result taken again from an earlier run keeps these.
 *
 * @param processedAt to the microsecond, as the tables hold it
 * @param configuration the hash of the models and settings (it names the folder of per-series results)
 */
public record Provenance(Instant processedAt, String ctpipeVersion, String configuration) {
  public Provenance {
    processedAt = processedAt == null ? null : processedAt.truncatedTo(ChronoUnit.MICROS);
  }
}
