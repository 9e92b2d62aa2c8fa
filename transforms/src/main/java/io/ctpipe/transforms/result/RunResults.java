package io.ctpipe.transforms.result;

import java.util.List;

/**
 * What one run's tables hold: a result per series_qa row (with its slices, label statistics and dead letters), and
 * every dead letter of the run, those of series that failed before decoding and of manifest lines included.
 */
public record RunResults(String runId, List<SeriesResult> series, List<DeadLetter> deadLetters) {
  public RunResults {
    series = List.copyOf(series);
    deadLetters = List.copyOf(deadLetters);
  }
}
