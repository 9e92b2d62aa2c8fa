package io.ctpipe.pipeline.bench;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import io.ctpipe.models.card.ModelCards;
import io.ctpipe.models.card.SpeedProfile;
import io.ctpipe.models.runtime.Backend;
import io.ctpipe.models.runtime.Precision;
import io.ctpipe.models.tiling.Accumulation;
import io.ctpipe.models.tiling.BlendMode;
import io.ctpipe.models.tiling.TilingOptions;
import io.ctpipe.models.zoo.ModelZoo;
import io.ctpipe.pipeline.command.Converters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options of {@code bench segment}, which a child JVM ({@link SegmentBenchRun}) parses again: the lists of the
 * grid, of which a child runs the first value of each.
 */
final class SegmentBenchOptions {
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

  @Option(names = "--warmup", defaultValue = "1", description = "Untimed network calls before the run "
      + "(default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--ort-config", description = "ONNX Runtime session config entry KEY=VALUE (repeatable), e.g. "
      + "session.intra_op.allow_spinning=0.")
  Map<String, String> ortConfig = new LinkedHashMap<>();

  @Option(names = "--opt-level", defaultValue = "ALL_OPT",
      description = "Graph optimisation: NO_OPT, BASIC_OPT, EXTENDED_OPT, ALL_OPT (default: ${DEFAULT-VALUE}).")
  OptLevel optLevel;

  @Option(names = "--no-arena", description = "Turn ONNX Runtime's CPU arena allocator off.")
  boolean noArena;

  @Option(names = "--memory-pattern", description = "Turn ONNX Runtime's memory-pattern planning on (off by default, "
      + "as in ctpipe segment).")
  boolean memoryPattern;

  @Option(names = "--work", defaultValue = "ctpipe-bench", description = "Folder for models and labels.")
  Path work;

  /** The card file: {@code --model} itself, or the zoo model of that id built into {@code --work}. */
  Path cardPath() throws IOException {
    Files.createDirectories(work);
    if (Files.isRegularFile(Path.of(model))) {
      return Path.of(model);
    }
    Path card = work.resolve(model + ".card.json");
    if (!Files.exists(card)) {
      ModelZoo.write(work, List.of(model));
    }
    return card;
  }

  /** The blend modes to run: {@code --modes}, else the card's. */
  List<BlendMode> modes(Path card) throws IOException {
    return modes != null ? modes : List.of(ModelCards.read(card).mode());
  }
}
