package io.ctpipe.transforms.result;

/** Wall-clock milliseconds a series spent in each stage on its worker. */
public record StageTimings(long fetchMs, long decodeMs, long bprMs, long segmentMs, long writeMs) {

  /** The stages added up, in seconds. */
  public double totalSeconds() {
    return (fetchMs + decodeMs + bprMs + segmentMs + writeMs) / 1000.0;
  }
}
