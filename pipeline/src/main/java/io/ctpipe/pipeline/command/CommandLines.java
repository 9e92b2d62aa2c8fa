package io.ctpipe.pipeline.command;

import io.ctpipe.dicom.seg.SegmentationException;
import java.io.IOException;
import picocli.CommandLine;

/**
 * The one configuration of a ctpipe command line, whether it starts at {@code ctpipe} or, in a benchmark's child
 * JVM, at {@code bench}: enum values in any case, and bad input reported as one line.
 */
public final class CommandLines {
  private CommandLines() {}

  /** A command line for {@code root} and its subcommands. */
  public static CommandLine of(Object root) {
    return new CommandLine(root).setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(CommandLines::reportFailure);
  }

  /**
   * Bad input (unreadable files, invalid label maps or descriptions) is reported as one line without a stack
   * trace; anything else is a bug and keeps its stack trace.
   */
  private static int reportFailure(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    if (e instanceof IOException || e instanceof SegmentationException || e instanceof IllegalArgumentException) {
      cli.getErr().println(commandPath(cli) + ": " + e.getMessage());
      return 1;
    }
    e.printStackTrace(cli.getErr());
    return 2;
  }

  /** The command as the user typed it, e.g. "ctpipe qa segmentation" (a benchmark child's root is "bench"). */
  private static String commandPath(CommandLine cli) {
    String path = cli.getCommandSpec().qualifiedName();
    return path.startsWith("ctpipe ") ? path : "ctpipe " + path;
  }
}
