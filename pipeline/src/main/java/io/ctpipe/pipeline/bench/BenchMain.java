package io.ctpipe.pipeline.bench;

import io.ctpipe.pipeline.command.CommandLines;

/**
 * The entry point of a benchmark's child JVM ({@link BenchChildren}): {@code ctpipe bench ARGS} with the same
 * command-line configuration, started without the user commands.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) {
    System.exit(CommandLines.of(new BenchCommand()).execute(args));
  }
}
