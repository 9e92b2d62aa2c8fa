package io.ctpipe.transforms.result;

import java.util.ArrayList;
import java.util.List;

/**
 * What processing one series produced, in one run's tables: its facts, stage timings, body part regression and
 * model outcomes (all absent when it failed before decoding; bpr also when the run has none), and its dead letters.
 * {@link ResultRows} turns it into table rows and back.
 *
 * @param runId the run whose tables hold the result
 * @param reused true when it comes from an earlier run's result for the same configuration (--skipExisting)
 */
public record SeriesResult(String runId, SeriesFacts facts, StageTimings timings, BprOutcome bpr,
    List<ModelOutcome> models, List<DeadLetter> deadLetters, boolean reused) {

  public SeriesResult {
    models = List.copyOf(models);
    deadLetters = List.copyOf(deadLetters);
  }

  /** A series that failed before it was decoded. */
  public static SeriesResult failed(String runId, DeadLetter deadLetter) {
    return new SeriesResult(runId, null, null, null, List.of(), List.of(deadLetter), false);
  }

  /** This result with one more dead letter. */
  public SeriesResult with(DeadLetter deadLetter) {
    List<DeadLetter> dead = new ArrayList<>(deadLetters);
    dead.add(deadLetter);
    return new SeriesResult(runId, facts, timings, bpr, models, dead, reused);
  }

  /** Every stage succeeded. */
  public boolean complete() {
    return facts != null && deadLetters.isEmpty();
  }

  /** No dead letter is worth retrying soon: the result is final until the inputs, settings or --retryFailed change. */
  public boolean settled() {
    return deadLetters.stream().noneMatch(DeadLetter::retryable);
  }

  /** Every model finished (also when the run has none). */
  public boolean allModelsOk() {
    return models.stream().allMatch(m -> m.status() == Status.OK);
  }
}
