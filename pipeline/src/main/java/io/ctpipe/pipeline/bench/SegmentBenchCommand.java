package io.ctpipe.pipeline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctpipe.models.runtime.Backend;
import io.ctpipe.models.runtime.Precision;
import io.ctpipe.models.tiling.Accumulation;
import io.ctpipe.models.tiling.BlendMode;
import io.ctpipe.models.tiling.TilingOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Times the tiled engine on a synthetic torso in model space, one configuration per child JVM so that each peak RSS
 * is its own; compares speed and labels with the first configuration of the same overlap and batch.
 */
@Command(name = "segment", mixinStandardHelpOptions = true,
    description = "Benchmark tiled segmentation: wall time, windows, per-window time, GFLOP/s (2 × the graph's "
        + "multiply-adds), peak RSS, accumulation bytes, (oneDNN) the share of time outside convolutions and wall time "
        + "over windows run × the last warm-up window's time (--warmup 2 or more) for each "
        + "overlap × batch × runtime × precision × accumulation, each in its own JVM; speed-up and label agreement "
        + "against the first configuration of each overlap and batch (put onnxruntime, fp32 and full first).")
final class SegmentBenchCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  SegmentBenchOptions options = new SegmentBenchOptions();

  @Option(names = "--int8-model", description = "The card 'ctpipe models quantize' wrote for --model: int8 rows "
      + "run it (ONNX Runtime through its QDQ nodes, oneDNN with int8 kernels).")
  Path int8Model;

  @Option(names = "--xmx", defaultValue = "12g", description = "Child JVM heap (default: ${DEFAULT-VALUE}).")
  String xmx;

  @Override
  public Integer call() throws Exception {
    Path card = options.cardPath();
    List<BlendMode> modes = options.modes(card);
    spec.commandLine().getOut().println(MeasuredCpu.line());
    spec.commandLine().getOut().println("| runtime | precision | overlap | batch | accumulation | windows run/total "
        + "| wall s | s per window | GFLOP/s | speed-up | peak RSS MB | accumulation MB | outside conv | wall ÷ (run × isolated window) | proven = its FULL | labels = first |");
    spec.commandLine().getOut().println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (double overlap : options.overlaps) {
      for (int batch : options.batches) {
        Path reference = null;
        double referenceSeconds = Double.NaN;
        for (Backend runtime : options.runtimes) {
          for (Precision precision : options.precisions) {
            if (runtime == Backend.ONNXRUNTIME && precision == Precision.BF16) {
              continue;
            }
            if (precision == Precision.INT8 && int8Model == null) {
              throw new CommandLine.ParameterException(spec.commandLine(), "int8 rows need --int8-model (a card "
                  + "written by 'ctpipe models quantize' for --model)");
            }
            for (BlendMode mode : modes) {
              for (Accumulation accumulation : options.accumulations) {
                for (int k : accumulation == Accumulation.TOPK ? options.topKs : List.of(TilingOptions.DEFAULT_TOP_K)) {
                  Configuration c = new Configuration(runtime, precision, overlap, batch, mode, accumulation, k);
                  Path labels = labelsFile(c);
                  JsonNode r = child(precision == Precision.INT8 ? int8Model : card, c, labels);
                  double perWindow = r.get("secondsPerWindow").asDouble();
                  if (reference == null) {
                    reference = labels;
                    referenceSeconds = perWindow;
                  }
                  row(c, r, referenceSeconds / perWindow,
                      String.format("%.5f %%", 100 * LabelComparison.of(reference, labels).agreement()));
                }
              }
            }
          }
        }
      }
    }
    if (!steps.isEmpty()) {
      spec.commandLine().getOut().println();
      spec.commandLine().getOut().println("oneDNN time by step kind (each step waited for):");
      steps.forEach(line -> spec.commandLine().getOut().println("  " + line));
    }
    return 0;
  }

  /** Where each oneDNN row's time went, printed under the table. */
  private final List<String> steps = new ArrayList<>();

  /** One benchmarked configuration. */
  record Configuration(Backend runtime, Precision precision, double overlap, int batch, BlendMode mode,
      Accumulation accumulation, int topK) {
    String accumulationLabel() {
      return accumulation == Accumulation.TOPK ? "TOPK k=" + topK : accumulation.name();
    }
  }

  private Path labelsFile(Configuration c) {
    return options.work.resolve(String.format("labels-%s-%s-%s-%s-%d-%s-%s-%d%s.bin",
        Path.of(options.model).getFileName().toString(), c.runtime().label(), c.precision().label(), c.overlap(),
        c.batch(), c.mode(), c.accumulation().name(), c.topK(),
        options.skipAirHu == null ? "" : "-skip" + options.skipAirHu));
  }

  private void row(Configuration c, JsonNode r, double speedUp, String agreement) {
    double outside = r.path("outsideConvolutions").asDouble(Double.NaN);
    double isolated = r.path("isolatedSecondsPerWindow").asDouble(Double.NaN);
    double aroundRatio = r.get("wallSeconds").asDouble() / (r.get("windowsRun").asInt() * isolated);
    spec.commandLine().getOut().printf("| %s | %s | %s | %d | %s | %d/%d | %.1f | %.3f | %.1f | %.2f× | %.0f | %.0f | "
        + "%s | %s | %s | %s |%n", r.get("runtime").asText(), c.precision().label(), c.overlap(), c.batch(),
        c.mode() + ", " + c.accumulationLabel()
            + (options.skipAirHu != null ? ", skip < " + options.skipAirHu + " HU" : ""),
        r.get("windowsRun").asInt(),
        r.get("windowsTotal").asInt(), r.get("wallSeconds").asDouble(), r.get("secondsPerWindow").asDouble(),
        r.get("gflops").asDouble(), speedUp, r.get("peakRssBytes").asDouble() / 1e6,
        r.get("accumulationBytes").asDouble() / 1e6, Double.isNaN(outside) ? "n/a"
            : String.format("%.1f %%", 100 * outside), Double.isFinite(aroundRatio)
            ? String.format("%.2f", aroundRatio) : "n/a", BenchFormat.proven(r), agreement);
    if (r.has("stepSeconds")) {
      StringBuilder where = new StringBuilder();
      r.get("stepSeconds").fields().forEachRemaining(e -> where.append(where.length() == 0 ? "" : ", ")
          .append(e.getKey()).append(String.format(" %.2f s", e.getValue().asDouble())));
      steps.add(r.get("runtime").asText() + " " + c.overlap() + "/" + c.batch() + "/" + c.accumulationLabel() + ": "
          + where);
    }
  }

  private JsonNode child(Path card, Configuration c, Path labels) throws Exception {
    return BenchChildren.run(xmx, childArgs(card, c, labels));
  }

  /** The arguments of the child JVM that runs configuration {@code c}: its values, then every option it shares. */
  List<String> childArgs(Path card, Configuration c, Path labels) {
    List<String> args = new ArrayList<>(List.of("--model", card.toString(),
        "--work", options.work.toString(), "--dims",
        options.dims.values()[0] + "x" + options.dims.values()[1] + "x" + options.dims.values()[2],
        "--overlaps", Double.toString(c.overlap()), "--batches", Integer.toString(c.batch()), "--modes",
        c.mode().name(), "--accumulations", c.accumulation().name(), "--topks", Integer.toString(c.topK()),
        "--plane-tile", Integer.toString(options.planeTile), "--runtimes", c.runtime().label(), "--precisions",
        c.precision().label(), "--warmup", Integer.toString(options.warmup), "--labels-out", labels.toString()));
    args.addAll(options.ct.childArgs());
    if (options.ct.present()) {
      args.addAll(List.of("--crop", options.crop));
    }
    if (options.skipAirHu != null) {
      args.add("--skip-air=" + options.skipAirHu);
    }
    if (options.threads != null) {
      args.add("--threads=" + options.threads);
    }
    if (options.speedProfile != null) {
      args.add("--profile=" + options.speedProfile.label());
    }
    if (options.noRecheck) {
      args.add("--no-topk-recheck");
    }
    args.add("--opt-level=" + options.optLevel);
    if (options.noArena) {
      args.add("--no-arena");
    }
    if (options.memoryPattern) {
      args.add("--memory-pattern");
    }
    options.ortConfig.forEach((k, v) -> args.add("--ort-config=" + k + "=" + v));
    return args;
  }
}
