package io.ctpipe.pipeline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctpipe.pipeline.beam.BeamArgs;
import io.ctpipe.pipeline.beam.CtPipeline;
import io.ctpipe.pipeline.beam.CtPipelineOptions;
import io.ctpipe.pipeline.beam.CtpipeVersion;
import io.ctpipe.pipeline.beam.PipelineLauncher;
import io.ctpipe.pipeline.beam.QaFiles;
import io.ctpipe.pipeline.beam.RunSummary;
import io.ctpipe.transforms.qa.QaTable;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Times whole pipeline runs: series per hour, core-seconds per series (this process's CPU, plus a Flink cluster's
 * JVMs when the run goes there), median stage times per series. With {@code --compare-flink}, the same cohort runs
 * on the DirectRunner and then on the cluster at each parallelism, side by side in one table.
 */
@Command(name = "pipeline", description = "Benchmark the pipeline: takes the options of 'ctpipe run' (manifest, "
    + "output, runner, models) and reports series per hour, core-seconds per series and the median per-series "
    + "milliseconds of each stage, from the run's series_qa rows. With --compare-flink HOST:PORT, runs the cohort on "
    + "the DirectRunner and then on that Flink cluster at each --parallelisms value (outputs in OUTPUT/<runner>), and "
    + "prints one table with ratios to the DirectRunner.")
final class PipelineBenchCommand implements Callable<Integer> {
  private static final String[] STAGES = {"fetch_ms", "decode_ms", "bpr_ms", "segment_ms", "write_ms"};

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--compare-flink", paramLabel = "HOST:PORT",
      description = "REST endpoint of a running Flink cluster (runners/flink/cluster.sh) to compare with")
  String compareFlink;

  @Option(names = "--parallelisms", split = ",", defaultValue = "1,2",
      description = "Flink parallelisms to compare (default: 1,2)")
  List<Integer> parallelisms;

  @CommandLine.Unmatched
  List<String> args = new ArrayList<>();

  /** One timed run. */
  private record Measurement(String runner, String parallelism, int series, long failed, double wallSeconds,
      double cpuSeconds, List<JsonNode> rows) {
    double seriesPerHour() {
      return series * 3600 / wallSeconds;
    }

    double coreSecondsPerSeries() {
      return cpuSeconds / series;
    }
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    out.println(MeasuredCpu.line());
    List<String> runArgs = List.of(BeamArgs.normalize(args));
    if (compareFlink == null) {
      Measurement m = measure(runArgs, null);
      out.printf("%s: %d series with rows, %d dead letters, wall %.1f s, core-seconds %.1f on %d cores%n", m.runner(),
          m.series(), m.failed(), m.wallSeconds(), m.cpuSeconds(), Runtime.getRuntime().availableProcessors());
      printDetails(out, m);
      return 0;
    }
    String output = PipelineLauncher.options(runArgs.toArray(new String[0])).getOutput().replaceAll("/$", "");
    String jar = Path.of(PipelineBenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .toString();
    List<Measurement> all = new ArrayList<>();
    all.add(measure(withOutput(runArgs, output + "/direct", List.of("--runner=DirectRunner")), null));
    for (int p : parallelisms) {
      all.add(measure(withOutput(runArgs, output + "/flink-p" + p, List.of("--runner=FlinkRunner", "--flinkMaster="
          + compareFlink, "--parallelism=" + p, "--filesToStage=" + jar)), new FlinkClusterCpu(compareFlink)));
    }
    Measurement direct = all.get(0);
    out.println("| runner | parallelism | series | wall s | series/hour | core-seconds/series | series/hour vs "
        + "DirectRunner | core-seconds/series vs DirectRunner |");
    out.println("|---|---|---|---|---|---|---|---|");
    for (Measurement m : all) {
      out.printf(Locale.ROOT, "| %s | %s | %d | %.1f | %.0f | %.2f | %.2f× | %.2f× |%n", m.runner(), m.parallelism(),
          m.series(), m.wallSeconds(), m.seriesPerHour(), m.coreSecondsPerSeries(),
          m.seriesPerHour() / direct.seriesPerHour(), m.coreSecondsPerSeries() / direct.coreSecondsPerSeries());
    }
    out.printf("on %d cores; Flink core-seconds include the cluster's JVMs (JobManager and TaskManagers)%n",
        Runtime.getRuntime().availableProcessors());
    return 0;
  }

  private static List<String> withOutput(List<String> runArgs, String output, List<String> runner) {
    List<String> changed = new ArrayList<>(runArgs.stream().filter(a -> !a.startsWith("--output=")
        && !a.startsWith("--runner=") && !a.startsWith("--flinkMaster=") && !a.startsWith("--parallelism=")).toList());
    changed.add("--output=" + output);
    changed.addAll(runner);
    return changed;
  }

  private Measurement measure(List<String> runArgs, FlinkClusterCpu cluster) throws Exception {
    CtPipelineOptions options = PipelineLauncher.options(runArgs.toArray(new String[0]));
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long clusterCpu0 = cluster == null ? 0 : cluster.nanos();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    PipelineLauncher.Finished finished = PipelineLauncher.run(options, CtpipeVersion.text());
    double wall = (System.nanoTime() - t0) / 1e9;
    double cpu = (os.getProcessCpuTime() - cpu0 + (cluster == null ? 0 : cluster.nanos() - clusterCpu0)) / 1e9;
    CtPipeline.Outputs outputs = finished.outputs();
    List<JsonNode> rows = QaFiles.read(outputs.qaLocation(), QaTable.SERIES_QA, outputs.runId(), outputs.format());
    RunSummary summary = RunSummary.of(finished.result());
    String parallelism = runArgs.stream().filter(a -> a.startsWith("--parallelism=")).map(a -> a.substring(14))
        .findFirst().orElse("-");
    return new Measurement(options.getRunner().getSimpleName(), parallelism, rows.size(),
        summary.count("series-failed") + summary.count("manifest-problems"), wall, cpu, rows);
  }

  private static void printDetails(PrintWriter out, Measurement m) {
    if (m.series() == 0) {
      return;
    }
    out.printf("series per hour %.0f; core-seconds per series %.2f%n", m.seriesPerHour(), m.coreSecondsPerSeries());
    StringBuilder medians = new StringBuilder("median per-series stage ms:");
    for (String stage : STAGES) {
      double median = Statistics.median(m.rows().stream().map(r -> r.path(stage).asLong()).toList());
      medians.append(' ').append(stage.replace("_ms", "")).append(' ').append(Math.round(median));
    }
    out.println(medians);
    out.println("per series (slices, ms): " + Arrays.toString(m.rows().stream().map(r -> r.path("slices").asInt() + ":"
        + (r.path("fetch_ms").asLong() + r.path("decode_ms").asLong() + r.path("bpr_ms").asLong()
        + r.path("segment_ms").asLong() + r.path("write_ms").asLong())).toArray()));
  }
}
