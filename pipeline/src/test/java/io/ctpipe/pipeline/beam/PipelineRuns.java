package io.ctpipe.pipeline.beam;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctpipe.dicom.phantom.PhantomSeriesWriter;
import io.ctpipe.dicom.phantom.PhantomSpec;
import io.ctpipe.transforms.qa.QaTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

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
  static Run run(String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--qaFormat=json");
    all.add("--contentTime=2026-11-26T12:00:00");
    PipelineLauncher.Finished finished = PipelineLauncher.run(PipelineLauncher.options(all.toArray(new String[0])),
        "ctpipe test");
    return new Run(RunSummary.of(finished.result()), finished.outputs());
  }

  /**
   * {@code count} phantom series (seeds {@code firstSeed}, {@code firstSeed + 1}, ...) in folders beside
   * {@code manifest}, which lists them one per line.
   */
  static List<PhantomSeriesWriter.Written> cohort(Path manifest, int count, int[] dims, double[] spacing,
      long firstSeed) throws IOException {
    List<PhantomSeriesWriter.Written> series = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Path folder = manifest.resolveSibling(manifest.getFileName() + "-series/s" + i);
      series.add(phantom(folder, dims, spacing, firstSeed + i));
      lines.add(folder.toString());
    }
    Files.write(manifest, lines);
    return series;
  }

  static List<Path> segFiles(Path output) throws IOException {
    try (Stream<Path> files = Files.walk(output)) {
      return files.filter(p -> p.toString().endsWith(".seg.dcm")).sorted().toList();
    }
  }
}
