package io.ctpipe.pipeline.cli;

import io.ctpipe.pipeline.beam.BeamArgs;
import io.ctpipe.pipeline.beam.CtPipelineOptions;
import io.ctpipe.pipeline.beam.PipelineLauncher;
import io.ctpipe.pipeline.beam.RunSummary;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Runs the Beam pipeline over manifests; every option is a Beam pipeline option. */
@Command(name = "run", description = "Run the pipeline: --manifest FILE[,FILE] --output DIR [--segModel zoo:tissue-ct] "
    + "[--bprModel bpreg:PATH|CARD|none] [--qaFormat avro|json] [--bigQueryDataset p:d] [--skipExisting] "
    + "[--runner DirectRunner|FlinkRunner|DataflowRunner] [any Beam option]. 'ctpipe run --help' lists them all.")
final class RunCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Unmatched
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
      PipelineOptionsFactory.register(CtPipelineOptions.class);
      PipelineOptionsFactory.printHelp(new PrintStream(System.out, true), CtPipelineOptions.class);
      return 0;
    }
    return run(PipelineLauncher.options(BeamArgs.normalize(args)), spec.commandLine().getOut());
  }

  /** Runs the pipeline to completion and prints the summary; also used by the demo. */
  static int run(CtPipelineOptions options, PrintWriter out) throws IOException {
    out.printf("running on %s%n", options.getRunner().getSimpleName());
    out.flush();
    PipelineLauncher.Finished finished = PipelineLauncher.run(options, new VersionProvider().getVersion()[0]);
    out.printf("run %s finished%n", finished.outputs().runId());
    RunSummary summary = RunSummary.of(finished.result());
    summary.writeLocal(finished.outputs());
    summary.print(out, finished.outputs());
    return 0;
  }
}
