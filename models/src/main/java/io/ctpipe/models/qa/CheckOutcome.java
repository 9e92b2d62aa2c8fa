package io.ctpipe.models.qa;

import java.util.Map;

/**
 * One check on one structure: raised (with its severity), passed, or not checked (with the reason). The numbers
 * are what the check compared, named, in mm, ml or shares.
 */
public record CheckOutcome(FlagKind kind, Status status, Severity severity, String detail,
    Map<String, Object> numbers) {
  /** Whether the check raised its flag, found nothing, or could not judge. */
  public enum Status { RAISED, PASSED, NOT_CHECKED }

  public static CheckOutcome raised(FlagKind kind, Severity severity, String detail, Map<String, Object> numbers) {
    return new CheckOutcome(kind, Status.RAISED, severity, detail, numbers);
  }

  public static CheckOutcome passed(FlagKind kind, Map<String, Object> numbers) {
    return new CheckOutcome(kind, Status.PASSED, null, null, numbers);
  }

  public static CheckOutcome notChecked(FlagKind kind, String reason) {
    return new CheckOutcome(kind, Status.NOT_CHECKED, null, reason, Map.of());
  }

  public boolean isRaised() {
    return status == Status.RAISED;
  }
}
