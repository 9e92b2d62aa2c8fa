package io.ctpipe.pipeline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctpipe.models.card.ModelCard;
import io.ctpipe.models.card.ModelCards;
import io.ctpipe.models.card.SpeedProfile;
import io.ctpipe.models.segment.Segmenter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctpipe.models.runtime.Backend;
import io.ctpipe.models.runtime.InferenceBackends;
import io.ctpipe.models.runtime.InferenceSettings;
import io.ctpipe.models.runtime.OpenedNetwork;
import io.ctpipe.models.runtime.OrtPredictor;
import io.ctpipe.models.runtime.Precision;
import io.ctpipe.models.runtime.ResolvedInference;
import io.ctpipe.models.runtime.onednn.CpuFeatures;
import io.ctpipe.models.runtime.onednn.StepTimes;
import io.ctpipe.models.runtime.OrtSessions;
import io.ctpipe.models.runtime.SessionSettings;
import io.ctpipe.models.tiling.Accumulation;
import io.ctpipe.models.tiling.BlendMode;
import io.ctpipe.models.tiling.TiledInference;
import io.ctpipe.models.tiling.TilingOptions;
import io.ctpipe.models.zoo.ModelZoo;
import io.ctpipe.pipeline.command.Converters;
import io.ctpipe.pipeline.command.PeakRss;
import java.io.IOException;
import java.nio.file.Files;
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
        + "multiply-adds), peak RSS, accumulation bytes and (oneDNN) the share of time outside convolutions for each "
        + "overlap × batch × runtime × precision × accumulation, each in its own JVM; speed-up and label agreement "
        + "against the first configuration of each overlap and batch (put onnxruntime, fp32 and full first).")
final class SegmentBenchCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", defaultValue = ModelZoo.SEGRESNETDS_105,
      description = "Zoo model id or model card path (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--dims", converter = Converters.Dims.class, defaultValue = "160x160x200",
      description = "Model-space volume (default: ${DEFAULT-VALUE}).")
  Converters.IntTriple dims;

  @Option(names = "--overlaps", split = ",", defaultValue = "0.625,0.25", description = "Overlaps to run.")
  List<Double> overlaps;

  @Option(names = "--batches", split = ",", defaultValue = "1", description = "Window batch sizes to run.")
  List<Integer> batches;

  @Option(names = "--accumulations", split = ",", defaultValue = "full,streaming",
      converter = Converters.AccumulationConverter.class, description = "Accumulations to run.")
  List<Accumulation> accumulations;

  @Option(names = "--skip-air", description = "Also skip windows below this HU.")
  Float skipAirHu;

  @CommandLine.Mixin
  BenchCtOptions ct = new BenchCtOptions();

  @Option(names = "--crop", defaultValue = "none", description = "Crop the --input CT to voxels above this HU (with "
      + "the card's margin) before tiling, or none (default: ${DEFAULT-VALUE}).")
  String crop;

  @Option(names = "--modes", split = ",", description = "Blend modes to run: gaussian, constant (default: the "
      + "card's).")
  List<BlendMode> modes;

  @Option(names = "--topks", split = ",", defaultValue = "" + TilingOptions.DEFAULT_TOP_K,
      description = "K values for topk rows (default: ${DEFAULT-VALUE}).")
  List<Integer> topKs;

  @Option(names = "--no-topk-recheck", description = "Run topk rows without the recheck of unproven voxels (a "
      + "--profile keeps its own).")
  boolean noRecheck;

  @Option(names = "--profile", converter = Converters.ProfileConverter.class, description = "Run a named "
      + "profile (its overlap, blend, accumulation, crop, air skipping and precision) instead of the lists' values.")
  SpeedProfile speedProfile;

  @Option(names = "--plane-tile", defaultValue = "0", description = "Side of the plane tiles streaming "
      + "accumulations hold at a time, in voxels; 0 = whole plane (default: ${DEFAULT-VALUE}).")
  int planeTile;

  @Option(names = "--threads", description = "ONNX Runtime intra-op threads (default: available processors).")
  Integer threads;

  @Option(names = "--runtimes", split = ",", defaultValue = "onnxruntime",
      description = "Backends to run: onnxruntime, onednn, auto (default: ${DEFAULT-VALUE}).")
  List<Backend> runtimes;

  @Option(names = "--precisions", split = ",", defaultValue = "fp32",
      description = "Precisions to run: fp32, bf16, int8; ONNX Runtime runs fp32 only (default: ${DEFAULT-VALUE}).")
  List<Precision> precisions;

  @Option(names = "--int8-model", description = "The card 'ctpipe models quantize' wrote for --model: int8 rows "
      + "run it (ONNX Runtime through its QDQ nodes, oneDNN with int8 kernels).")
  Path int8Model;

  @Option(names = "--warmup", defaultValue = "1", description = "Untimed network calls before the run "
      + "(default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--ort-config", description = "ONNX Runtime session config entry KEY=VALUE (repeatable), e.g. "
      + "session.intra_op.allow_spinning=0.")
  java.util.Map<String, String> ortConfig = new java.util.LinkedHashMap<>();

  @Option(names = "--opt-level", defaultValue = "ALL_OPT",
      description = "Graph optimisation: NO_OPT, BASIC_OPT, EXTENDED_OPT, ALL_OPT (default: ${DEFAULT-VALUE}).")
  ai.onnxruntime.OrtSession.SessionOptions.OptLevel optLevel;

  @Option(names = "--no-arena", description = "Turn ONNX Runtime's CPU arena allocator off.")
  boolean noArena;

  @Option(names = "--memory-pattern", description = "Turn ONNX Runtime's memory-pattern planning on (off by default, "
      + "as in ctpipe segment).")
  boolean memoryPattern;

  @Option(names = "--work", defaultValue = "ctpipe-bench", description = "Folder for models and labels.")
  Path work;

  @Option(names = "--xmx", defaultValue = "12g", description = "Child JVM heap (default: ${DEFAULT-VALUE}).")
  String xmx;

  @Option(names = "--single", hidden = true, description = "Run one configuration here (used by the children).")
  boolean single;

  @Option(names = "--labels-out", hidden = true)
  Path labelsOut;

  @Override
  public Integer call() throws Exception {
    Files.createDirectories(work);
    Path card = cardPath();
    if (single) {
      spec.commandLine().getOut().println(runOne(card));
      return 0;
    }
    spec.commandLine().getOut().println("| runtime | precision | overlap | batch | accumulation | windows run/total "
        + "| wall s | s per window | GFLOP/s | speed-up | peak RSS MB | accumulation MB | outside conv | proven = its FULL | labels = first |");
    spec.commandLine().getOut().println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (double overlap : overlaps) {
      for (int batch : batches) {
        Path reference = null;
        double referenceSeconds = Double.NaN;
        for (Backend runtime : runtimes) {
          for (Precision precision : precisions) {
            if (runtime == Backend.ONNXRUNTIME && precision == Precision.BF16) {
              continue;
            }
            if (precision == Precision.INT8 && int8Model == null) {
              throw new CommandLine.ParameterException(spec.commandLine(), "int8 rows need --int8-model (a card "
                  + "written by 'ctpipe models quantize' for --model)");
            }
            for (BlendMode mode : modes(card)) {
              for (Accumulation accumulation : accumulations) {
                for (int k : accumulation == Accumulation.TOPK ? topKs : List.of(TilingOptions.DEFAULT_TOP_K)) {
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
  private record Configuration(Backend runtime, Precision precision, double overlap, int batch, BlendMode mode,
      Accumulation accumulation, int topK) {
    String accumulationLabel() {
      return accumulation == Accumulation.TOPK ? "TOPK k=" + topK : accumulation.name();
    }
  }

  private List<BlendMode> modes(Path card) throws IOException {
    return modes != null ? modes : List.of(ModelCards.read(card).mode());
  }

  private Path labelsFile(Configuration c) {
    return work.resolve(String.format("labels-%s-%s-%s-%s-%d-%s-%s-%d%s.bin", Path.of(model).getFileName()
        .toString(), c.runtime().label(), c.precision().label(), c.overlap(), c.batch(), c.mode(),
        c.accumulation().name(), c.topK(),
        skipAirHu == null ? "" : "-skip" + skipAirHu));
  }

  private void row(Configuration c, JsonNode r, double speedUp, String agreement) {
    double outside = r.path("outsideConvolutions").asDouble(Double.NaN);
    spec.commandLine().getOut().printf("| %s | %s | %s | %d | %s | %d/%d | %.1f | %.3f | %.1f | %.2f× | %.0f | %.0f | "
        + "%s | %s | %s |%n", r.get("runtime").asText(), c.precision().label(), c.overlap(), c.batch(),
        c.mode() + ", " + c.accumulationLabel() + (skipAirHu != null ? ", skip < " + skipAirHu + " HU" : ""),
        r.get("windowsRun").asInt(),
        r.get("windowsTotal").asInt(), r.get("wallSeconds").asDouble(), r.get("secondsPerWindow").asDouble(),
        r.get("gflops").asDouble(), speedUp, r.get("peakRssBytes").asDouble() / 1e6,
        r.get("accumulationBytes").asDouble() / 1e6, Double.isNaN(outside) ? "n/a"
            : String.format("%.1f %%", 100 * outside), BenchFormat.proven(r), agreement);
    if (r.has("stepSeconds")) {
      StringBuilder where = new StringBuilder();
      r.get("stepSeconds").fields().forEachRemaining(e -> where.append(where.length() == 0 ? "" : ", ")
          .append(e.getKey()).append(String.format(" %.2f s", e.getValue().asDouble())));
      steps.add(r.get("runtime").asText() + " " + c.overlap() + "/" + c.batch() + "/" + c.accumulationLabel() + ": "
          + where);
    }
  }

  private Path cardPath() throws IOException {
    if (Files.isRegularFile(Path.of(model))) {
      return Path.of(model);
    }
    Path card = work.resolve(model + ".card.json");
    if (!Files.exists(card)) {
      ModelZoo.write(work, List.of(model));
    }
    return card;
  }

  private JsonNode child(Path card, Configuration c, Path labels) throws Exception {
    List<String> args = new ArrayList<>(List.of("segment", "--single", "--model", card.toString(),
        "--work", work.toString(), "--dims", dims.values()[0] + "x" + dims.values()[1] + "x" + dims.values()[2],
        "--overlaps", Double.toString(c.overlap()), "--batches", Integer.toString(c.batch()), "--modes",
        c.mode().name(), "--accumulations", c.accumulation().name(), "--topks", Integer.toString(c.topK()),
        "--plane-tile", Integer.toString(planeTile), "--runtimes", c.runtime().label(), "--precisions",
        c.precision().label(), "--warmup", Integer.toString(warmup), "--labels-out", labels.toString()));
    args.addAll(ct.childArgs());
    if (ct.present()) {
      args.addAll(List.of("--crop", crop));
    }
    if (skipAirHu != null) {
      args.add("--skip-air=" + skipAirHu);
    }
    if (threads != null) {
      args.add("--threads=" + threads);
    }
    args.add("--opt-level=" + optLevel);
    if (noArena) {
      args.add("--no-arena");
    }
    if (memoryPattern) {
      args.add("--memory-pattern");
    }
    ortConfig.forEach((k, v) -> args.add("--ort-config=" + k + "=" + v));
    return BenchChildren.run(xmx, args);
  }

  private String runOne(Path cardFile) throws Exception {
    ModelCard card = ModelCards.read(cardFile);
    ModelCard preprocessing = speedProfile != null ? speedProfile.preprocessing(card)
        : crop.equals("none") ? card : card.withCrop(Double.parseDouble(crop));
    BenchVolume volume = ct.present() ? BenchVolume.of(ct.read(), preprocessing)
        : BenchVolume.torso(dims.values(), card);
    int[] size = volume.size();
    int threadCount = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    String sha = ModelCards.verifiedSha256(card);
    TilingOptions options = speedProfile != null ? Segmenter.options(card, speedProfile).withPlaneTile(planeTile)
        : TilingOptions.of(card.roiSize(), overlaps.get(0), modes(cardFile).get(0))
            .withSigmaScale(card.sigmaScale()).withBatch(batches.get(0)).withAccumulation(accumulations.get(0))
            .withTopK(topKs.get(0)).withPlaneTile(planeTile)
            .withSkipBelow(skipAirHu == null ? Float.NaN : card.intensity().apply(skipAirHu))
            .withPadValue(card.padValue()).withRecheck(!noRecheck);
    Precision precision = speedProfile != null ? speedProfile.precision(card.precision()) : precisions.get(0);
    long macs = BenchJson.cardNumber(cardFile, "macsPerWindow");
    StepTimes profile = new StepTimes();
    try (OpenedNetwork network = open(card, sha, threadCount, precision, profile)) {
      for (int i = 0; i < warmup; i++) {
        network.predictor().predictSlabs(options.batch(), card.roiSize()[0], (window, first, planes, logits, at) -> {
        });
      }
      profile.clear();
      long t0 = System.nanoTime();
      TiledInference.Result result = TiledInference.run(volume.values(), size, network.predictor(), options);
      double wall = (System.nanoTime() - t0) / 1e9;
      double inference = result.stats().inferenceNanos() / 1e9;
      int run = result.stats().windowsRun();
      if (labelsOut != null) {
        LabelComparison.write(volume.comparable(result.labels()), labelsOut);
      }
      ObjectNode out = BenchJson.MAPPER.createObjectNode().put("runtime", network.describe())
          .put("windowsTotal", result.stats().windowsTotal()).put("windowsRun", run).put("wallSeconds", wall)
          .put("secondsPerWindow", run == 0 ? 0 : inference / run)
          .put("gflops", inference == 0 ? 0 : 2.0 * macs * run / inference / 1e9)
          .put("peakRssBytes", PeakRss.bytes()).put("accumulationBytes", result.stats().accumulationBytes())
          .put("exactVoxels", result.stats().exactVoxels()).put("voxels", result.labels().length)
          .put("voxelsRechecked", result.stats().voxelsRechecked())
          .put("windowsRechecked", result.stats().windowsRechecked())
          .put("recheckBytes", result.stats().recheckBytes())
          .put("dims", size[0] + "x" + size[1] + "x" + size[2]);
      out.putObject("settings").put("overlap", options.overlap()[0]).put("mode", options.mode().name())
          .put("accumulation", options.accumulation().name()).put("topK", options.topK())
          .put("recheck", options.recheck())
          .put("skipAir", Float.isNaN(options.skipBelow()) ? "none" : skipAirHuLabel())
          .put("crop", Double.isNaN(preprocessing.cropThresholdHu()) ? "none"
              : Long.toString(Math.round(preprocessing.cropThresholdHu())))
          .put("precision", network.precision().label());
      if (network.backend() == Backend.ONEDNN) {
        out.put("outsideConvolutions", profile.fractionOutsideConvolutions());
        ObjectNode steps = out.putObject("stepSeconds");
        profile.nanosByKind().forEach((kind, nanos) -> steps.put(kind, nanos / 1e9));
      }
      return out.toString();
    }
  }

  /** The HU of the air-skipping threshold (the options hold it as a model input value). */
  private String skipAirHuLabel() {
    return Long.toString(Math.round(speedProfile == null ? skipAirHu : speedProfile.skipBelowHu()));
  }

  /** ONNX Runtime with this command's session settings, or the backend the seam picks. */
  private OpenedNetwork open(ModelCard card, String sha, int threadCount, Precision precision, StepTimes profile)
      throws Exception {
    Backend runtime = runtimes.get(0);
    if (runtime == Backend.ONNXRUNTIME) {
      SessionSettings settings = new SessionSettings(threadCount, optLevel, !noArena, memoryPattern, ortConfig);
      OrtSessions.Lease lease = OrtSessions.acquire(card.file(), sha, settings);
      try {
        return new OpenedNetwork(new OrtPredictor(lease, card.inputName(), card.outputName(), card.roiSize()),
            new ResolvedInference(Backend.ONNXRUNTIME, precision, threadCount, null));
      } catch (RuntimeException | ai.onnxruntime.OrtException e) {
        lease.close();
        throw e;
      }
    }
    return InferenceBackends.open(card.network(sha), card.roiSize(), new InferenceSettings(runtime,
        precision, threadCount), CpuFeatures::detected, profile);
  }
}
