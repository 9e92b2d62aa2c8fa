package io.ctpipe.pipeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctpipe.dicom.phantom.TorsoPhantom;
import io.ctpipe.models.card.ModelCard;
import io.ctpipe.models.card.ModelCards;
import io.ctpipe.models.runtime.OnnxSegmentationModel;
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
 * is its own; compares labels with the FULL run of the same overlap and batch.
 */
@Command(name = "segment", mixinStandardHelpOptions = true,
    description = "Benchmark tiled segmentation: wall time, windows, per-window time, GFLOP/s (2 × the graph's "
        + "multiply-adds), peak RSS and accumulation bytes for each overlap × batch × accumulation, each in its own "
        + "JVM; label agreement with FULL.")
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
    spec.commandLine().getOut().println("| overlap | batch | accumulation | windows run/total | wall s | s per window "
        + "| GFLOP/s | peak RSS MB | accumulation MB | labels = FULL |");
    spec.commandLine().getOut().println("|---|---|---|---|---|---|---|---|---|---|");
    for (double overlap : overlaps) {
      for (int batch : batches) {
        Path reference = null;
        if (skipAirHu != null) {
          reference = labelsFile(overlap, batch, "FULL-noskip");
          row(overlap, batch, "FULL, no skipping", child(card, overlap, batch, Accumulation.FULL, null, reference),
              "(reference)");
        }
        for (Accumulation accumulation : accumulations) {
          Path labels = labelsFile(overlap, batch, accumulation.name());
          JsonNode r = child(card, overlap, batch, accumulation, skipAirHu, labels);
          if (reference == null && accumulation == Accumulation.FULL) {
            reference = labels;
          }
          row(overlap, batch, accumulation + (skipAirHu != null ? ", skip < " + skipAirHu + " HU" : ""), r,
              reference == null ? "n/a" : String.format("%.5f %%", 100 * agreement(reference, labels)));
        }
      }
    }
    return 0;
  }

  private Path labelsFile(double overlap, int batch, String what) {
    return work.resolve(String.format("labels-%s-%s-%d-%s.bin", model.replace('/', '_'), overlap, batch, what));
  }

  private void row(double overlap, int batch, String what, JsonNode r, String agreement) {
    spec.commandLine().getOut().printf("| %s | %d | %s | %d/%d | %.1f | %.2f | %.1f | %.0f | %.0f | %s |%n",
        overlap, batch, what, r.get("windowsRun").asInt(), r.get("windowsTotal").asInt(),
        r.get("wallSeconds").asDouble(), r.get("secondsPerWindow").asDouble(), r.get("gflops").asDouble(),
        r.get("peakRssBytes").asDouble() / 1e6, r.get("accumulationBytes").asDouble() / 1e6, agreement);
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

  private JsonNode child(Path card, double overlap, int batch, Accumulation accumulation, Float skip, Path labels)
      throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-Xmx" + xmx, "-cp", System.getProperty("java.class.path"), CtpipeCommand.class.getName(),
        "bench", "segment", "--single", "--model", card.toString(), "--work", work.toString(), "--dims",
        dims.values()[0] + "x" + dims.values()[1] + "x" + dims.values()[2], "--overlaps", Double.toString(overlap),
        "--batches", Integer.toString(batch), "--accumulations", accumulation.name(), "--labels-out",
        labels.toString()));
    if (skip != null) {
      command.add("--skip-air=" + skip);
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
    TilingOptions options = new TilingOptions(card.roiSize(), new double[] {overlap, overlap, overlap},
        card.mode(), card.sigmaScale(), batches.get(0), accumulations.get(0),
        skipAirHu == null ? Float.NaN : card.intensity().apply(skipAirHu), card.padValue(), -1);
    long macs = new ObjectMapper().readTree(cardFile.toFile()).path("macsPerWindow").asLong(0);
    SessionSettings settings = new SessionSettings(threadCount, optLevel, !noArena, memoryPattern, ortConfig);
    try (OrtSessions.Lease lease = OrtSessions.acquire(card.file(), sha, settings);
         OnnxSegmentationModel network = new OnnxSegmentationModel(lease, card.inputName(), card.outputName(),
             card.roiSize())) {
      long t0 = System.nanoTime();
      TiledInference.Result result = TiledInference.run(volume, size, network, options);
      double wall = (System.nanoTime() - t0) / 1e9;
      double inference = result.stats().inferenceNanos() / 1e9;
      int run = result.stats().windowsRun();
      writeLabels(result.labels(), labelsOut);
      return new ObjectMapper().createObjectNode().put("windowsTotal", result.stats().windowsTotal())
          .put("windowsRun", run).put("wallSeconds", wall).put("secondsPerWindow", run == 0 ? 0 : inference / run)
          .put("gflops", inference == 0 ? 0 : 2.0 * macs * run / inference / 1e9)
          .put("peakRssBytes", PeakRss.bytes()).put("accumulationBytes", result.stats().accumulationBytes())
          .toString();
    }
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
