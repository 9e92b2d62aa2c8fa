package io.ctpipe.pipeline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmarks' median: odd and even counts, any order, and no values. */
class StatisticsTest {
  @Test
  void medianIsTheMiddleValueOrTheMeanOfTheTwoMiddleOnes() {
    assertEquals(7, Statistics.median(List.of(9L, 7L, 1L)));
    assertEquals(5.5, Statistics.median(List.of(10L, 1L, 7L, 4L)), "(4 + 7) / 2");
    assertEquals(3, Statistics.median(List.of(3L)));
  }

  @Test
  void medianOfNoValuesIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Statistics.median(List.of()));
    assertEquals("the median of no values is undefined", e.getMessage());
  }
}
