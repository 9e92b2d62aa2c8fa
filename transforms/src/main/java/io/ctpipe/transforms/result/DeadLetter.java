package io.ctpipe.transforms.result;

import io.ctpipe.transforms.manifest.ManifestProblem;
import io.ctpipe.transforms.manifest.SeriesRef;
import io.ctpipe.transforms.qa.Stage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A manifest line or series that failed at a stage, with what is needed to look at it again: the series reference it
 * came as (null for manifest lines, and in rows of runs before it was recorded), the exception's class and message,
 * whether a retry could help, and the stack trace (at most {@link #MAX_STACK_TRACE_CHARS} characters). Messages and
 * traces are the exceptions', which never carry patient names or IDs.
 *
 * @param seriesKey the series' key, null for a manifest line
 * @param seriesInstanceUid the decoded series' UID when known, else the reference's, or null
 * @param origin the manifest and line
 * @param attemptTime to the microsecond, as the tables hold it
 */
public record DeadLetter(String seriesKey, String seriesInstanceUid, String origin, SeriesRef input, Stage stage,
    String errorClass, String message, boolean retryable, Instant attemptTime, String stackTrace) {
  /** Longer traces keep their first part. */
  public static final int MAX_STACK_TRACE_CHARS = 8192;

  public DeadLetter {
    attemptTime = attemptTime == null ? null : attemptTime.truncatedTo(ChronoUnit.MICROS);
  }

  /** A series that failed at a stage, with the exception's message (or its name when it has none). */
  public static DeadLetter of(SeriesRef ref, String seriesUid, Stage stage, Throwable error, boolean retryable,
      Instant time) {
    return of(ref, seriesUid, stage, error, error.getMessage() != null ? error.getMessage() : error.toString(),
        retryable, time);
  }

  /**
   * As above with the message given.
   *
   * @param seriesUid the decoded series' UID, or null to take the reference's
   */
  public static DeadLetter of(SeriesRef ref, String seriesUid, Stage stage, Throwable error, String message,
      boolean retryable, Instant time) {
    return new DeadLetter(ref.key(), seriesUid != null ? seriesUid : ref.seriesInstanceUid(), ref.origin(), ref,
        stage, error.getClass().getName(), message, retryable, time, stackTrace(error));
  }

  /** A manifest line that names no series: permanent, and without a trace (no exception was thrown). */
  public static DeadLetter manifest(ManifestProblem problem, Instant time) {
    return new DeadLetter(null, null, problem.origin(), null, Stage.MANIFEST, "ManifestProblem", problem.reason()
        + ": " + problem.text(), false, time, null);
  }

  /** This dead letter with a path (e.g. a temporary folder) shown as something else in its message and trace. */
  public DeadLetter showingPathAs(String path, String shownAs) {
    return new DeadLetter(seriesKey, seriesInstanceUid, origin, input, stage, errorClass, message.replace(path,
        shownAs), retryable, attemptTime, stackTrace == null ? null : stackTrace.replace(path, shownAs));
  }

  /** The exception's stack trace with its causes, its first {@link #MAX_STACK_TRACE_CHARS} characters. */
  static String stackTrace(Throwable error) {
    StringWriter text = new StringWriter();
    error.printStackTrace(new PrintWriter(text));
    return bounded(text.toString());
  }

  static String bounded(String trace) {
    if (trace.length() <= MAX_STACK_TRACE_CHARS) {
      return trace;
    }
    int kept = MAX_STACK_TRACE_CHARS - 64;
    return trace.substring(0, kept) + "\n\t... (" + (trace.length() - kept) + " more characters)";
  }
}
