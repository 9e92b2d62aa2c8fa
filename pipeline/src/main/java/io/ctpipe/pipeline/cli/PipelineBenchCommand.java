package io.ctpipe.pipeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctpipe.pipeline.beam.BeamArgs;
import io.ctpipe.pipeline.beam.CtPipeline;
import io.ctpipe.pipeline.beam.CtPipelineOptions;
import io.ctpipe.pipeline.beam.PipelineLauncher;
import io.ctpipe.pipeline.beam.QaFiles;
import io.ctpipe.pipeline.beam.RunSummary;
import io.ctpipe.transforms.qa.QaTable;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.PipelineResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Times a whole pipeline run: series per hour, CPU seconds per series, median stage times per series. */
@Command(name = "pipeline", description = "Benchmark the pipeline: takes the options of 'ctpipe run' (manifest, "
    + "output, runner, models) and reports series per hour, process CPU (core) seconds per series and the median "
    + "per-series milliseconds of each stage, from the run's series_qa rows.")
final class PipelineBenchCommand implements Callable<Integer> {
  private static final String[] STAGES = {"fetch_ms", "decode_ms", "bpr_ms", "segment_ms", "write_ms"};

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Unmatched
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    CtPipelineOptions options = PipelineLauncher.options(BeamArgs.normalize(args));
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    PipelineLauncher.Finished finished = PipelineLauncher.run(options, new VersionProvider().getVersion()[0]);
    CtPipeline.Outputs outputs = finished.outputs();
    PipelineResult result = finished.result();
    double wall = (System.nanoTime() - t0) / 1e9;
    double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
    List<JsonNode> rows = QaFiles.read(outputs.qaLocation(), QaTable.SERIES_QA, outputs.runId(), outputs.format());
    RunSummary summary = RunSummary.of(result);
    int series = rows.size();
    out.printf("%s: %d series with rows, %d dead letters, wall %.1f s, process CPU %.1f s on %d cores%n",
        options.getRunner().getSimpleName(), series, summary.count("series-failed") + summary.count(
            "manifest-problems"), wall, cpu, Runtime.getRuntime().availableProcessors());
    if (series > 0) {
      out.printf("series per hour %.0f; core-seconds per series %.2f%n", series * 3600 / wall, cpu / series);
      StringBuilder medians = new StringBuilder("median per-series stage ms:");
      for (String stage : STAGES) {
        long[] values = rows.stream().mapToLong(r -> r.path(stage).asLong()).sorted().toArray();
        medians.append(' ').append(stage.replace("_ms", "")).append(' ').append(values[values.length / 2]);
      }
      out.println(medians);
      out.println("per series (slices, ms): " + Arrays.toString(rows.stream().map(r -> r.path("slices").asInt() + ":"
          + (r.path("fetch_ms").asLong() + r.path("decode_ms").asLong() + r.path("bpr_ms").asLong()
          + r.path("segment_ms").asLong() + r.path("write_ms").asLong())).toArray()));
    }
    return 0;
  }
}
