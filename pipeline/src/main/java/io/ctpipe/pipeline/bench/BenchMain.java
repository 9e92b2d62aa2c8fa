package io.ctpipe.pipeline.bench;

import io.ctpipe.pipeline.command.CommandLines;

/**
 * The entry point of a benchmark's child JVM ({@link BenchChildren}): one {@code bench segment} configuration
 * ({@link SegmentBenchRun}), with the command line configured as {@code ctpipe}'s, so that the child neither parses
 * the user commands nor reaches the code that starts children.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) {
    System.exit(CommandLines.of(new SegmentBenchRun()).execute(args));
  }
}
