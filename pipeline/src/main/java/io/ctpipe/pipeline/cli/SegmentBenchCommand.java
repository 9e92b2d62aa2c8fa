package io.ctpipe.pipeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctpipe.dicom.phantom.TorsoPhantom;
import io.ctpipe.models.card.ModelCard;
import io.ctpipe.models.card.ModelCards;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctpipe.models.runtime.Backend;
import io.ctpipe.models.runtime.InferenceBackends;
import io.ctpipe.models.runtime.InferenceSettings;
import io.ctpipe.models.runtime.OpenedNetwork;
import io.ctpipe.models.runtime.OrtPredictor;
import io.ctpipe.models.runtime.Precision;
import io.ctpipe.models.runtime.onednn.CpuFeatures;
import io.ctpipe.models.runtime.onednn.StepTimes;
import io.ctpipe.models.runtime.OrtSessions;
import io.ctpipe.models.runtime.SessionSettings;
import io.ctpipe.models.tiling.Accumulation;
import io.ctpipe.models.tiling.TiledInference;
import io.ctpipe.models.tiling.TilingOptions;
import io.ctpipe.models.zoo.ModelZoo;
import java.io.DataInputStream;
import java.io.DataOutputStream;
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
      converter = SegmentCommand.AccumulationConverter.class, description = "Accumulations to run.")
  List<Accumulation> accumulations;

  @Option(names = "--skip-air", description = "Also skip windows below this HU.")
  Float skipAirHu;

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
    Path card = cardPath();
    if (single) {
      spec.commandLine().getOut().println(runOne(card));
      return 0;
    }
    spec.commandLine().getOut().println("| runtime | precision | overlap | batch | accumulation | windows run/total "
        + "| wall s | s per window | GFLOP/s | speed-up | peak RSS MB | accumulation MB | outside conv | labels = first |");
    spec.commandLine().getOut().println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
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
            for (Accumulation accumulation : accumulations) {
              Configuration c = new Configuration(runtime, precision, overlap, batch, accumulation);
              Path labels = labelsFile(c);
              JsonNode r = child(precision == Precision.INT8 ? int8Model : card, c, labels);
              double perWindow = r.get("secondsPerWindow").asDouble();
              if (reference == null) {
                reference = labels;
                referenceSeconds = perWindow;
              }
              row(c, r, referenceSeconds / perWindow, String.format("%.5f %%", 100 * agreement(reference, labels)));
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
  private record Configuration(Backend runtime, Precision precision, double overlap, int batch,
      Accumulation accumulation) {}

  private Path labelsFile(Configuration c) {
    return work.resolve(String.format("labels-%s-%s-%s-%s-%d-%s%s.bin", Path.of(model).getFileName().toString(),
        c.runtime().label(), c.precision().label(), c.overlap(), c.batch(), c.accumulation().name(),
        skipAirHu == null ? "" : "-skip" + skipAirHu));
  }

  private void row(Configuration c, JsonNode r, double speedUp, String agreement) {
    double outside = r.path("outsideConvolutions").asDouble(Double.NaN);
    spec.commandLine().getOut().printf("| %s | %s | %s | %d | %s | %d/%d | %.1f | %.3f | %.1f | %.2f× | %.0f | %.0f | "
        + "%s | %s |%n", r.get("runtime").asText(), c.precision().label(), c.overlap(), c.batch(),
        c.accumulation() + (skipAirHu != null ? ", skip < " + skipAirHu + " HU" : ""), r.get("windowsRun").asInt(),
        r.get("windowsTotal").asInt(), r.get("wallSeconds").asDouble(), r.get("secondsPerWindow").asDouble(),
        r.get("gflops").asDouble(), speedUp, r.get("peakRssBytes").asDouble() / 1e6,
        r.get("accumulationBytes").asDouble() / 1e6, Double.isNaN(outside) ? "n/a"
            : String.format("%.1f %%", 100 * outside), agreement);
    if (r.has("stepSeconds")) {
      StringBuilder where = new StringBuilder();
      r.get("stepSeconds").fields().forEachRemaining(e -> where.append(where.length() == 0 ? "" : ", ")
          .append(e.getKey()).append(String.format(" %.2f s", e.getValue().asDouble())));
      steps.add(r.get("runtime").asText() + " " + c.overlap() + "/" + c.batch() + "/" + c.accumulation() + ": "
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
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-Xmx" + xmx, "-cp", System.getProperty("java.class.path"), CtpipeCommand.class.getName(),
        "bench", "segment", "--single", "--model", card.toString(), "--work", work.toString(), "--dims",
        dims.values()[0] + "x" + dims.values()[1] + "x" + dims.values()[2], "--overlaps",
        Double.toString(c.overlap()), "--batches", Integer.toString(c.batch()), "--accumulations",
        c.accumulation().name(), "--runtimes", c.runtime().label(), "--precisions", c.precision().label(),
        "--warmup", Integer.toString(warmup), "--labels-out", labels.toString()));
    if (skipAirHu != null) {
      command.add("--skip-air=" + skipAirHu);
    }
    if (threads != null) {
      command.add("--threads=" + threads);
    }
    command.add("--opt-level=" + optLevel);
    if (noArena) {
      command.add("--no-arena");
    }
    if (memoryPattern) {
      command.add("--memory-pattern");
    }
    ortConfig.forEach((k, v) -> command.add("--ort-config=" + k + "=" + v));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("benchmark child failed: " + out);
    }
    return new ObjectMapper().readTree(out.lines().reduce((a, b) -> b).orElse("{}"));
  }

  private String runOne(Path cardFile) throws Exception {
    ModelCard card = ModelCards.read(cardFile);
    int[] size = dims.values();
    float[] volume = torso(size, card);
    int threadCount = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    String sha = ModelCards.verifiedSha256(card);
    double overlap = overlaps.get(0);
    TilingOptions options = TilingOptions.of(card.roiSize(), overlap, card.mode())
        .withSigmaScale(card.sigmaScale()).withBatch(batches.get(0)).withAccumulation(accumulations.get(0))
        .withSkipBelow(skipAirHu == null ? Float.NaN : card.intensity().apply(skipAirHu))
        .withPadValue(card.padValue());
    long macs = new ObjectMapper().readTree(cardFile.toFile()).path("macsPerWindow").asLong(0);
    StepTimes profile = new StepTimes();
    try (OpenedNetwork network = open(card, sha, threadCount, profile)) {
      for (int i = 0; i < warmup; i++) {
        network.predictor().predictSlabs(options.batch(), card.roiSize()[0], (window, first, planes, logits, at) -> {
        });
      }
      profile.clear();
      long t0 = System.nanoTime();
      TiledInference.Result result = TiledInference.run(volume, size, network.predictor(), options);
      double wall = (System.nanoTime() - t0) / 1e9;
      double inference = result.stats().inferenceNanos() / 1e9;
      int run = result.stats().windowsRun();
      writeLabels(result.labels(), labelsOut);
      ObjectNode out = new ObjectMapper().createObjectNode().put("runtime", network.describe())
          .put("windowsTotal", result.stats().windowsTotal()).put("windowsRun", run).put("wallSeconds", wall)
          .put("secondsPerWindow", run == 0 ? 0 : inference / run)
          .put("gflops", inference == 0 ? 0 : 2.0 * macs * run / inference / 1e9)
          .put("peakRssBytes", PeakRss.bytes()).put("accumulationBytes", result.stats().accumulationBytes());
      if (network.backend() == Backend.ONEDNN) {
        out.put("outsideConvolutions", profile.fractionOutsideConvolutions());
        ObjectNode steps = out.putObject("stepSeconds");
        profile.nanosByKind().forEach((kind, nanos) -> steps.put(kind, nanos / 1e9));
      }
      return out.toString();
    }
  }

  /** ONNX Runtime with this command's session settings, or the backend the seam picks. */
  private OpenedNetwork open(ModelCard card, String sha, int threadCount, StepTimes profile) throws Exception {
    Backend runtime = runtimes.get(0);
    if (runtime == Backend.ONNXRUNTIME) {
      SessionSettings settings = new SessionSettings(threadCount, optLevel, !noArena, memoryPattern, ortConfig);
      OrtSessions.Lease lease = OrtSessions.acquire(card.file(), sha, settings);
      try {
        return new OpenedNetwork(new OrtPredictor(lease, card.inputName(), card.outputName(), card.roiSize()),
            Backend.ONNXRUNTIME, precisions.get(0), null);
      } catch (RuntimeException | ai.onnxruntime.OrtException e) {
        lease.close();
        throw e;
      }
    }
    return InferenceBackends.open(card.network(sha), card.roiSize(), new InferenceSettings(runtime,
        precisions.get(0), threadCount), CpuFeatures::detected, profile);
  }

  /** The torso phantom (noise-free) at 1.5 mm in model order, through the card's intensity transform. */
  private static float[] torso(int[] size, ModelCard card) {
    return new TorsoPhantom(1).sampleModelOrder(size, 1.5, hu -> card.intensity().apply((float) hu));
  }

  private static void writeLabels(short[] labels, Path file) throws IOException {
    if (file == null) {
      return;
    }
    try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
      for (short v : labels) {
        out.writeShort(v);
      }
    }
  }

  private static double agreement(Path a, Path b) throws IOException {
    long n = Files.size(a) / 2;
    long same = 0;
    try (DataInputStream x = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(a)));
         DataInputStream y = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(b)))) {
      for (long i = 0; i < n; i++) {
        same += x.readShort() == y.readShort() ? 1 : 0;
      }
    }
    return same / (double) n;
  }
}
