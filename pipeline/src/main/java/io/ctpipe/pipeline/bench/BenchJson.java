package io.ctpipe.pipeline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The benchmarks' one JSON mapper, with Jackson's defaults: the line a child JVM prints, a card's multiply-add count,
 * a Flink cluster's REST answers.
 */
final class BenchJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private BenchJson() {}

  /** A whole-number field of a model card ({@code macsPerWindow}, {@code macsPerSlice}), 0 when absent. */
  static long cardNumber(Path card, String field) throws IOException {
    return MAPPER.readTree(card.toFile()).path(field).asLong(0);
  }
}
