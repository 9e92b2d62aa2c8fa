package io.ctpipe.pipeline.cli;

import io.ctpipe.pipeline.bench.BenchCommand;
import io.ctpipe.pipeline.command.CommandLines;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ctpipe} command line: one subcommand per job; the benchmarks are one of them, {@code bench}. */
@Command(name = "ctpipe", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "CT auto-segmentation and QA for imaging cohorts (IDC) on Apache Beam.",
    subcommands = {DemoCommand.class, RunCommand.class, ReportCommand.class, InspectCommand.class, PhantomCommand.class,
        SegFromLabelmapCommand.class, SegInfoCommand.class, SegmentCommand.class, BprCommand.class, ModelsCommand.class,
        QaCommand.class, BenchCommand.class,
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
    return CommandLines.of(new CtpipeCommand());
  }
}
