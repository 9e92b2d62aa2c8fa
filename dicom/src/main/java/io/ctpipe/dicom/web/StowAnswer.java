package io.ctpipe.dicom.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Classifies a STOW-RS answer (PS3.18 10.5.3): the instances count as already stored only when every instance in
 * Failed SOP Sequence (0008,1198) has Failure Reason (0008,1197) 0111H, duplicate SOP instance, whether the answer is
 * 200, 202 or 409. Any other reason, or a 409 without reasons, is a failure that a later run may retry.
 */
final class StowAnswer {
  private static final int CONFLICT = 409;
  private static final String FAILED_SOP_SEQUENCE = "00081198";
  private static final String FAILURE_REASON = "00081197";
  private static final int DUPLICATE_SOP_INSTANCE = 0x0111;
  private static final ObjectMapper JSON = new ObjectMapper();

  private StowAnswer() {}

  /**
   * @param status the HTTP status, 2xx or 409 (other statuses are not STOW answers to classify)
   * @throws DicomWebException retryable, naming the failure reasons, when not every failed instance is a duplicate
   */
  static DicomWebClient.StoreResult classify(int status, byte[] body, URI uri) throws DicomWebException {
    List<Integer> reasons = failureReasons(body);
    if (reasons == null || reasons.isEmpty()) {
      if (status == CONFLICT) {
        throw new DicomWebException("STOW-RS " + uri + " answered 409 Conflict without a Failed SOP Sequence: not "
            + "known to be a duplicate (0111H), the SEG is not stored", status, true);
      }
      return DicomWebClient.StoreResult.STORED;
    }
    if (reasons.stream().allMatch(r -> r == DUPLICATE_SOP_INSTANCE)) {
      return DicomWebClient.StoreResult.ALREADY_PRESENT;
    }
    Set<String> meanings = new LinkedHashSet<>();
    Set<String> codes = new LinkedHashSet<>();
    for (int reason : reasons) {
      if (reason != DUPLICATE_SOP_INSTANCE) {
        meanings.add(meaning(reason));
        codes.add(reason < 0 ? "not given" : String.format("%04XH", reason));
      }
    }
    throw new DicomWebException("STOW-RS " + uri + " refused an instance (" + String.join("; ", meanings)
        + "; not stored, a later run retries): failure reason " + String.join(", ", codes), status, true);
  }

  /** The Failure Reason of every item in Failed SOP Sequence (-1 for an item without one), or null when unreadable. */
  private static List<Integer> failureReasons(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
    JsonNode failed = answer == null ? null : answer.path(FAILED_SOP_SEQUENCE).path("Value");
    if (failed == null || !failed.isArray()) {
      return null;
    }
    List<Integer> reasons = new ArrayList<>();
    for (JsonNode item : failed) {
      reasons.add(item.path(FAILURE_REASON).path("Value").path(0).asInt(-1));
    }
    return reasons;
  }

  /** What a failure reason means (PS3.4 C.4.2.1.4, PS3.18 Table 10.5.3-2). */
  private static String meaning(int reason) {
    return switch (reason >> 8) {
      case 0xA7 -> "out of resources";
      case 0xA9 -> "data set does not match SOP Class";
      case 0xC0, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB, 0xCC, 0xCD, 0xCE, 0xCF ->
          "cannot understand";
      default -> switch (reason) {
        case -1 -> "no reason given";
        case 0x0110 -> "processing failure";
        case 0x0122 -> "SOP Class not supported";
        case 0x0124 -> "not authorized";
        default -> "unknown failure reason";
      };
    };
  }
}
