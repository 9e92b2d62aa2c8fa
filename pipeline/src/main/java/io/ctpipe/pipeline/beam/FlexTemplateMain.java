package io.ctpipe.pipeline.beam;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.FileSystems;

/**
 * The Dataflow Flex Template entry point: builds the pipeline from the template parameters and submits it without
 * waiting for it to finish (a Flex Template launcher must exit after submission).
 */
public final class FlexTemplateMain {
  private FlexTemplateMain() {}

  public static void main(String[] args) {
    CtPipelineOptions options = PipelineLauncher.options(args);
    FileSystems.setDefaultPipelineOptions(options);
    Pipeline pipeline = Pipeline.create(options);
    CtPipeline.build(pipeline, options, CtpipeVersion.text());
    pipeline.run();
  }
}
