package io.ctpipe.pipeline.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ctpipe bench}: groups the benchmarks, the one door from the user commands into this package. Benchmarks
 * report figures; they assert nothing.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure ctpipe's speed on real data.",
    subcommands = {DecodeBenchCommand.class, SegBenchCommand.class, SegmentBenchCommand.class,
        TradeoffBenchCommand.class, ClassMemoryBenchCommand.class, PlotBenchCommand.class, BprBenchCommand.class,
        PipelineBenchCommand.class, CostBenchCommand.class})
public final class BenchCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
