package io.ctpipe.pipeline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ctpipe} command line: one subcommand per job. */
@Command(name = "ctpipe", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "CT auto-segmentation and QA for imaging cohorts (IDC) on Apache Beam.",
    subcommands = {DemoCommand.class, RunCommand.class, ReportCommand.class, InspectCommand.class, PhantomCommand.class,
        SegFromLabelmapCommand.class, SegInfoCommand.class, SegmentCommand.class, BprCommand.class, ModelsCommand.class,
        BenchCommand.class,
        CommandLine.HelpCommand.class})
public final class CtpipeCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /** The configured command line (also used by tests). */
  public static CommandLine newCommandLine() {
    return new CommandLine(new CtpipeCommand()).setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(CtpipeCommand::reportFailure);
  }

  /**
   * Bad input (unreadable files, invalid label maps or descriptions) is reported as one line without a stack
   * trace; anything else is a bug and keeps its stack trace.
   */
  private static int reportFailure(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    if (e instanceof java.io.IOException || e instanceof io.ctpipe.dicom.seg.SegmentationException
        || e instanceof IllegalArgumentException) {
      cli.getErr().println("ctpipe " + cli.getCommandName() + ": " + e.getMessage());
      return 1;
    }
    e.printStackTrace(cli.getErr());
    return 2;
  }
}
