package io.ctpipe.transforms.process;

import java.util.List;
import org.apache.avro.generic.GenericRecord;

/**
 * What processing one series produced: its series_qa row (absent when it failed before decoding), slice_qa and
 * segment_stats rows, and dead letters.
 *
 * @param reused true when the rows come from an earlier run's result for the same configuration (--skipExisting)
 */
public record SeriesOutcome(GenericRecord seriesRow, List<GenericRecord> sliceRows, List<GenericRecord> segmentRows,
    List<GenericRecord> deadLetters, boolean reused) {

  public SeriesOutcome {
    sliceRows = List.copyOf(sliceRows);
    segmentRows = List.copyOf(segmentRows);
    deadLetters = List.copyOf(deadLetters);
  }

  static SeriesOutcome failed(GenericRecord deadLetter) {
    return new SeriesOutcome(null, List.of(), List.of(), List.of(deadLetter), false);
  }

  /** Every stage succeeded. */
  public boolean complete() {
    return seriesRow != null && deadLetters.isEmpty();
  }

  /** No dead letter is worth retrying soon: the result is final until the inputs, settings or --retryFailed change. */
  public boolean settled() {
    return deadLetters.stream().noneMatch(d -> Boolean.TRUE.equals(d.get("retryable")));
  }
}
