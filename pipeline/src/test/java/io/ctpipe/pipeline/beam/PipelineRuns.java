package io.ctpipe.pipeline.beam;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctpipe.dicom.phantom.PhantomSeriesWriter;
import io.ctpipe.dicom.phantom.PhantomSpec;
import io.ctpipe.transforms.qa.QaFormat;
import io.ctpipe.transforms.qa.QaTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** Test helpers: phantom series on disk, pipeline runs with given arguments, their QA rows and SEG files. */
final class PipelineRuns {
  private PipelineRuns() {}

  /** A finished run: its summary counters and where its outputs are. */
  record Run(RunSummary summary, CtPipeline.Outputs outputs) {
    List<JsonNode> rows(QaTable table) throws IOException {
      return QaFiles.read(outputs.qaLocation(), table, outputs.runId(), outputs.format());
    }
  }

  static PhantomSeriesWriter.Written phantom(Path folder, int[] dims, double[] spacing, long seed)
      throws IOException {
    return PhantomSeriesWriter.write(PhantomSpec.of(dims, spacing, seed), folder);
  }

  /** Runs the pipeline with these arguments plus JSON QA files and a fixed content time; waits for it. */
  static Run run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--qaFormat=json");
    all.add("--contentTime=2026-11-26T12:00:00");
    PipelineOptionsFactory.register(CtPipelineOptions.class);
    CtPipelineOptions options = PipelineOptionsFactory.fromArgs(all.toArray(new String[0])).withValidation()
        .as(CtPipelineOptions.class);
    FileSystems.setDefaultPipelineOptions(options);
    Pipeline pipeline = Pipeline.create(options);
    CtPipeline.Outputs outputs = CtPipeline.build(pipeline, options, "ctpipe test");
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    return new Run(RunSummary.of(result), outputs);
  }

  static List<Path> segFiles(Path output) throws IOException {
    try (Stream<Path> files = Files.walk(output)) {
      return files.filter(p -> p.toString().endsWith(".seg.dcm")).sorted().toList();
    }
  }

  static boolean formatIsJson(CtPipeline.Outputs outputs) {
    return outputs.format() == QaFormat.JSON;
  }
}
