package io.ctpipe.transforms.process;

import java.util.List;
import org.apache.avro.generic.GenericRecord;

/**
 * What processing one series produced: its series_qa row (absent when it failed before decoding or was skipped),
 * slice_qa and segment_stats rows, dead letters, and the skip marker to write once the rows are stored.
 *
 * @param marker the marker's location and content, or null
 */
public record SeriesOutcome(GenericRecord seriesRow, List<GenericRecord> sliceRows, List<GenericRecord> segmentRows,
    List<GenericRecord> deadLetters, SkipMarker marker, boolean skipped) {

  /** A skip marker: where it goes and what it records. */
  public record SkipMarker(String path, String content) implements java.io.Serializable {}

  static SeriesOutcome skippedSeries() {
    return new SeriesOutcome(null, List.of(), List.of(), List.of(), null, true);
  }

  static SeriesOutcome failed(GenericRecord deadLetter) {
    return new SeriesOutcome(null, List.of(), List.of(), List.of(deadLetter), null, false);
  }
}
