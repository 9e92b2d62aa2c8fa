package io.ctpipe.pipeline.cli;

import io.ctpipe.pipeline.beam.BeamArgs;
import io.ctpipe.pipeline.beam.CtPipeline;
import io.ctpipe.pipeline.beam.CtPipelineOptions;
import io.ctpipe.pipeline.beam.RunSummary;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Runs the Beam pipeline over manifests; every option is a Beam pipeline option. */
@Command(name = "run", description = "Run the pipeline: --manifest FILE[,FILE] --output DIR [--segModel zoo:tissue-ct] "
    + "[--bprModel zoo:bpr-vgg16|none] [--qaFormat avro|json] [--bigQueryDataset p:d] [--skipExisting] "
    + "[--runner DirectRunner|FlinkRunner|DataflowRunner] [any Beam option]. 'ctpipe run --help' lists them all.")
final class RunCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Unmatched
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    PipelineOptionsFactory.register(CtPipelineOptions.class);
    if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
      PipelineOptionsFactory.printHelp(new PrintStream(System.out, true), CtPipelineOptions.class);
      return 0;
    }
    CtPipelineOptions options = PipelineOptionsFactory.fromArgs(BeamArgs.normalize(args)).withValidation()
        .as(CtPipelineOptions.class);
    return run(options, spec.commandLine().getOut());
  }

  /** Builds, runs and waits for the pipeline, then prints the summary; also used by the demo. */
  static int run(CtPipelineOptions options, java.io.PrintWriter out) throws IOException {
    FileSystems.setDefaultPipelineOptions(options);
    Pipeline pipeline = Pipeline.create(options);
    CtPipeline.Outputs outputs = CtPipeline.build(pipeline, options, new VersionProvider().getVersion()[0]);
    out.printf("running on %s, run %s%n", options.getRunner().getSimpleName(), outputs.runId());
    out.flush();
    PipelineResult result;
    try {
      result = pipeline.run();
      result.waitUntilFinish();
    } catch (Pipeline.PipelineExecutionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IOException("the pipeline failed: " + cause.getMessage(), cause);
    }
    RunSummary.of(result).print(out, outputs);
    return 0;
  }
}
