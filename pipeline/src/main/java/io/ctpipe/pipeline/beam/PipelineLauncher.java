package io.ctpipe.pipeline.beam;

import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** Parses options, builds the graph, runs it and waits: what {@code ctpipe run}, the demo and the bench share. */
public final class PipelineLauncher {
  private PipelineLauncher() {}

  /** A finished run. */
  public record Finished(CtPipeline.Outputs outputs, PipelineResult result) {}

  /**
   * Options from command-line arguments ("--name value" or "--name=value"), validated. A choice outside its enum is
   * refused with the enum's own message, which names the allowed values (Beam wraps it in Jackson's words).
   */
  public static CtPipelineOptions options(String... args) {
    PipelineOptionsFactory.register(CtPipelineOptions.class);
    try {
      return PipelineOptionsFactory.fromArgs(args).withValidation().as(CtPipelineOptions.class);
    } catch (IllegalArgumentException e) {
      if (e.getCause() instanceof ValueInstantiationException wrapped
          && wrapped.getCause() instanceof IllegalArgumentException choice) {
        throw new IllegalArgumentException(choice.getMessage(), e);
      }
      throw e;
    }
  }

  /** Builds and runs the pipeline; a failure of the run is an IOException with its cause's message. */
  public static Finished run(CtPipelineOptions options, String ctpipeVersion) throws IOException {
    FileSystems.setDefaultPipelineOptions(options);
    Pipeline pipeline = Pipeline.create(options);
    CtPipeline.Outputs outputs = CtPipeline.build(pipeline, options, ctpipeVersion);
    try {
      PipelineResult result = pipeline.run();
      result.waitUntilFinish();
      return new Finished(outputs, result);
    } catch (Pipeline.PipelineExecutionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IOException("the pipeline failed: " + cause.getMessage(), cause);
    }
  }
}
