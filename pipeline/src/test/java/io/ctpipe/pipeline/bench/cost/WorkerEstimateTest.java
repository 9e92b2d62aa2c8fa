package io.ctpipe.pipeline.bench.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The arithmetic of a busy worker: rates × resources over series per hour, memory deciding series at once. */
class WorkerEstimateTest {
  private static final long GIB = 1L << 30;
  private static final MachineType FOUR = new MachineType("m-4", 4, 16);
  private static final PriceTier TIER = new PriceTier("t", 0.05, 0.004, 0.0001);

  @Test
  void aBusyWorkerSpreadsItsHourOverTheSeriesItsCoresFinish() {
    WorkerEstimate e = WorkerEstimate.of(new SeriesWorkload(36, GIB), FOUR, TIER, 50, 1).orElseThrow();
    assertEquals(4 * 0.05 + 16 * 0.004 + 50 * 0.0001, e.dollarsPerWorkerHour(), 1e-12);
    assertEquals(4 * 3600 / 36.0, e.seriesPerWorkerHour(), 1e-9, "4 cores, 36 core-seconds a series");
    assertEquals(0.269 / 400, e.dollarsPerSeries(), 1e-12);
    assertEquals(4, e.seriesAtOnce(), "15 GB free hold 15 series of 1 GB, but one per vCPU at most");
    assertEquals(100_000 / (400.0 * 10), e.hours(100_000, 10), 1e-9);
  }

  @Test
  void memoryLimitsSeriesAtOnceAndTheSpareCoresCountAsIdle() {
    WorkerEstimate e = WorkerEstimate.of(new SeriesWorkload(36, 6 * GIB), FOUR, TIER, 50, 1).orElseThrow();
    assertEquals(2, e.seriesAtOnce(), "16 GB less 1 GB for the worker hold two series of 6 GB");
    assertEquals(200, e.seriesPerWorkerHour(), 1e-9, "two of four vCPUs work: each series costs twice as much");
    assertTrue(WorkerEstimate.of(new SeriesWorkload(36, 15 * GIB + 1), FOUR, TIER, 50, 1).isEmpty(),
        "a series larger than the machine's free memory does not fit");
  }

  @Test
  void idleTimeRaisesTheCostInProportion() {
    SeriesWorkload w = new SeriesWorkload(36, GIB);
    double busy = WorkerEstimate.of(w, FOUR, TIER, 50, 1).orElseThrow().dollarsPerSeries();
    double half = WorkerEstimate.of(w, FOUR, TIER, 50, 0.5).orElseThrow().dollarsPerSeries();
    assertEquals(2 * busy, half, 1e-12);
  }

  @Test
  void badSettingsAreRefusedByName() {
    SeriesWorkload w = new SeriesWorkload(36, GIB);
    assertEquals("--utilisation must be above 0 and at most 1, got 1.5", assertThrows(IllegalArgumentException.class,
        () -> WorkerEstimate.of(w, FOUR, TIER, 50, 1.5)).getMessage());
    assertEquals("--disk-gb must be 0 to 65536, got -1.0", assertThrows(IllegalArgumentException.class,
        () -> WorkerEstimate.of(w, FOUR, TIER, -1, 1)).getMessage());
    assertEquals("--core-seconds must be above 0 and at most 1e7, got 0.0", assertThrows(
        IllegalArgumentException.class, () -> new SeriesWorkload(0, GIB)).getMessage());
    assertEquals("--memory-per-series must be positive, got 0 bytes", assertThrows(IllegalArgumentException.class,
        () -> new SeriesWorkload(1, 0)).getMessage());
  }
}
