package io.ctpipe.pipeline.bench;

import io.ctpipe.pipeline.bench.cost.CostSheet;
import io.ctpipe.pipeline.bench.cost.MachineType;
import io.ctpipe.pipeline.bench.cost.PriceTier;
import io.ctpipe.pipeline.bench.cost.SeriesWorkload;
import io.ctpipe.pipeline.bench.cost.WorkerEstimate;
import io.ctpipe.transforms.process.MemorySize;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Turns a measured workload per series into dollars per series and per cohort on Dataflow workers. */
@Command(name = "cost", mixinStandardHelpOptions = true, description = "Dollars per series and per cohort on "
    + "Dataflow: from measured core-seconds per series (ctpipe bench pipeline) and memory per series "
    + "(docs/operations.md), for each machine type and price tier (batch, FlexRS) of a price sheet. A worker holds as "
    + "many series as its memory allows (one per vCPU at most) and is busy --utilisation of the time it is billed.")
final class CostBenchCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--core-seconds", required = true,
      description = "CPU core-seconds per series, all stages (ctpipe bench pipeline prints it)")
  double coreSeconds;

  @Option(names = "--memory-per-series", required = true,
      description = "Peak memory one series holds, e.g. 1200m or 2g")
  String memoryPerSeries;

  @Option(names = "--series", defaultValue = "100000", description = "Series in the cohort (default: 100000)")
  long series;

  @Option(names = "--machine-types", split = ",", defaultValue = "n2-standard-4,n2-highmem-4,n2-standard-8,"
      + "n2-highcpu-8", description = "Machine types to price (default: n2-standard-4, n2-highmem-4, n2-standard-8,"
      + " n2-highcpu-8)")
  List<String> machineTypes;

  @Option(names = "--tiers", split = ",", defaultValue = "batch,flexrs",
      description = "Price tiers (default: batch,flexrs)")
  List<String> tiers;

  @Option(names = "--prices", description = "Price tiers file (tier,vcpu_hour,memory_gb_hour,disk_gb_hour); "
      + "default: Dataflow us-central1")
  Path prices;

  @Option(names = "--machines", description = "Machine types file (name,vcpus,memory_gb); default: built in")
  Path machines;

  @Option(names = "--disk-gb", defaultValue = "50", description = "Persistent disk per worker, GB (default: 50, "
      + "as terraform/ sets it)")
  double diskGb;

  @Option(names = "--utilisation", defaultValue = "1.0", description = "Share of billed worker time spent on "
      + "series, above 0 and at most 1 (default: 1, the floor of the cost)")
  double utilisation;

  @Option(names = "--workers", defaultValue = "10", description = "Workers, for the hours a cohort takes "
      + "(default: 10, terraform's max_workers)")
  int workers;

  @Override
  public Integer call() throws Exception {
    if (series < 1 || workers < 1) {
      throw new IllegalArgumentException("--series and --workers must be at least 1, got " + series + " and "
          + workers);
    }
    SeriesWorkload workload = new SeriesWorkload(coreSeconds, memoryPerSeries());
    CostSheet sheet = CostSheet.read(prices, machines);
    List<MachineType> chosenMachines = machineTypes.stream().map(sheet::machine).toList();
    List<PriceTier> chosenTiers = tiers.stream().map(sheet::tier).toList();
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "workload: %.1f core-seconds and %s per series, %d series; %.0f GB disk and %s for the "
        + "worker itself per worker; workers busy %.0f %% of billed time%n", workload.coreSeconds(),
        MemorySize.mib(workload.memoryBytes()), series, diskGb, MemorySize.mib(WorkerEstimate.WORKER_OVERHEAD_BYTES),
        utilisation * 100);
    out.println("prices: " + sheet.source());
    out.println();
    out.printf("| machine type | vCPU | GB | series at once | tier | $/worker-hour | series/worker-hour | $ per 1000 "
        + "series | $ for %d series | hours on %d workers |%n", series, workers);
    out.println("|---|---|---|---|---|---|---|---|---|---|");
    for (MachineType machine : chosenMachines) {
      for (PriceTier tier : chosenTiers) {
        Optional<WorkerEstimate> estimate = WorkerEstimate.of(workload, machine, tier, diskGb, utilisation);
        out.println(estimate.map(this::row).orElseGet(() -> String.format(Locale.ROOT,
            "| %s | %d | %s | 0: does not fit | %s | — | — | — | — | — |", machine.name(), machine.vcpus(),
            number(machine.memoryGb()), tier.name())));
      }
    }
    return 0;
  }

  private long memoryPerSeries() {
    String problem = "--memory-per-series needs a size such as 1200m or 2g, got '" + memoryPerSeries + "'";
    if (memoryPerSeries.trim().equalsIgnoreCase("auto")) {
      throw new IllegalArgumentException(problem);
    }
    try {
      return MemorySize.parse("memory-per-series", memoryPerSeries);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(problem, e);
    }
  }

  private String row(WorkerEstimate e) {
    return String.format(Locale.ROOT, "| %s | %d | %s | %d | %s | %.4f | %.1f | %.3f | %.2f | %.1f |",
        e.machine().name(), e.machine().vcpus(), number(e.machine().memoryGb()), e.seriesAtOnce(), e.tier().name(),
        e.dollarsPerWorkerHour(), e.seriesPerWorkerHour(), e.dollarsPerSeries() * 1000,
        e.dollarsPerSeries() * series, e.hours(series, workers));
  }

  private static String number(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }
}
