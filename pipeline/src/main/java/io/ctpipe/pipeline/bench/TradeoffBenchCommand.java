package io.ctpipe.pipeline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctpipe.models.card.SpeedProfile;
import io.ctpipe.models.runtime.Precision;
import io.ctpipe.models.tiling.Accumulation;
import io.ctpipe.models.tiling.BlendMode;
import io.ctpipe.models.tiling.TilingOptions;
import io.ctpipe.pipeline.command.Converters;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The sliding-window trade-off study: every combination of the listed settings against a reference run (overlap
 * 0.625, gaussian, FULL, fp32, no air skipping), each in its own JVM: speed, memory, and what each costs in labels.
 */
@Command(name = "tradeoffs", mixinStandardHelpOptions = true,
    description = "Sliding-window trade-offs on the oneDNN engine: overlap × blend × accumulation (top-k K) × air "
        + "skipping × precision, each against the reference (overlap 0.625, gaussian, FULL, fp32): wall time, "
        + "windows, peak RSS, accumulation bytes, voxels proven equal to FULL, agreement, per-label Dice (mean, "
        + "worst) and whether every label keeps Dice ≥ the --dice-goal.")
final class TradeoffBenchCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", required = true, description = "Model card.")
  Path model;

  @CommandLine.Mixin
  BenchCtOptions ct = new BenchCtOptions();

  @Option(names = "--crop", split = ",", defaultValue = "none", description = "Crops of --input before tiling: none, "
      + "or an HU threshold (the body above it, with the card's margin; default: ${DEFAULT-VALUE}).")
  List<String> crops;

  @Option(names = "--dims", converter = Converters.Dims.class, defaultValue = "160x160x200",
      description = "Phantom size in model space when there is no --input (default: ${DEFAULT-VALUE}).")
  Converters.IntTriple dims;

  @Option(names = "--overlaps", split = ",", defaultValue = "0,0.25,0.5,0.625,0.75",
      description = "Overlaps (default: ${DEFAULT-VALUE}).")
  List<Double> overlaps;

  @Option(names = "--modes", split = ",", defaultValue = "GAUSSIAN,CONSTANT",
      description = "Blend modes (default: ${DEFAULT-VALUE}).")
  List<BlendMode> modes;

  @Option(names = "--accumulations", split = ",", defaultValue = "streaming",
      converter = Converters.AccumulationConverter.class,
      description = "Accumulations: full, streaming, streaming-fp16, topk (default: ${DEFAULT-VALUE}).")
  List<Accumulation> accumulations;

  @Option(names = "--topks", split = ",", defaultValue = "1,2,3,4", description = "K of the topk rows "
      + "(default: ${DEFAULT-VALUE}).")
  List<Integer> topKs;

  @Option(names = "--rechecks", split = ",", arity = "1", defaultValue = "true",
      description = "For topk rows: with (true) and/or without (false) the recheck of the voxels the first pass "
          + "cannot prove (default: ${DEFAULT-VALUE}).")
  List<Boolean> rechecks;

  @Option(names = "--skip-air", split = ",", defaultValue = "none",
      description = "Air skipping: none, or an HU threshold below which whole windows are skipped (default: "
          + "${DEFAULT-VALUE}).")
  List<String> skipAir;

  @Option(names = "--precisions", split = ",", defaultValue = "fp32,bf16",
      description = "Precisions: fp32, bf16, int8 (int8 needs --int8-model; default: ${DEFAULT-VALUE}).")
  List<Precision> precisions;

  @Option(names = "--int8-model", description = "The card 'ctpipe models quantize' wrote for --model.")
  Path int8Model;

  @Option(names = "--profiles", split = ",", converter = Converters.ProfileConverter.class,
      description = "Also run these named profiles (fast, balanced, accurate) as rows of their own.")
  List<SpeedProfile> profiles = new ArrayList<>();

  @Option(names = "--profiles-only", description = "Run the reference and --profiles, not the grid.")
  boolean profilesOnly;

  @Option(names = "--dice-goal", defaultValue = "0.98", description = "Per-label Dice every label must keep "
      + "(default: ${DEFAULT-VALUE}).")
  double diceGoal;

  @Option(names = "--work", defaultValue = "ctpipe-bench", description = "Folder for label files.")
  Path work;

  @Option(names = "--xmx", defaultValue = "12g", description = "Child JVM heap (default: ${DEFAULT-VALUE}).")
  String xmx;

  /** One point of the grid, or a named profile (then the other fields are unused). */
  private record Setting(double overlap, BlendMode mode, Accumulation accumulation, int topK, boolean recheck,
      String skipAir, String crop, Precision precision, SpeedProfile profile) {
    static Setting of(SpeedProfile profile) {
      return new Setting(Double.NaN, null, null, 0, true, null, null, null, profile);
    }

    String file() {
      return profile != null ? "tradeoff-profile-" + profile.label() + ".bin"
          : String.format("tradeoff-%s-%s-%s-%d%s-%s-%s-%s.bin", overlap, mode, accumulation, topK,
              recheck ? "" : "-once", skipAir, crop, precision.label());
    }
  }

  @Override
  public Integer call() throws Exception {
    if (precisions.contains(Precision.INT8) && int8Model == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "int8 rows need --int8-model");
    }
    for (String value : skipAir) {
      requireNoneOrHu("--skip-air", value);
    }
    for (String value : crops) {
      requireNoneOrHu("--crop", value);
    }
    Files.createDirectories(work);
    PrintWriter out = spec.commandLine().getOut();
    Setting reference = new Setting(0.625, BlendMode.GAUSSIAN, Accumulation.FULL, TilingOptions.DEFAULT_TOP_K, true,
        "none", "none", Precision.FP32, null);
    JsonNode ref = run(reference);
    short[] referenceLabels = LabelComparison.read(work.resolve(reference.file()));
    double referenceWall = ref.get("wallSeconds").asDouble();
    out.printf("Reference: overlap 0.625, gaussian, FULL, fp32 on %s (%s model grid): %d windows, %.1f s tiled "
        + "inference, %.0f MB peak RSS%n%n", ct.describe(),
        ref.get("dims").asText(), ref.get("windowsRun").asInt(), referenceWall,
        ref.get("peakRssBytes").asDouble() / 1e6);
    out.println("| profile | overlap | blend | accumulation | skip air | crop | precision | windows run/total | tiled s | speed-up "
        + "| peak RSS MB | accumulation MB | proven = its FULL | rechecked voxels (windows, MB) | agreement | agreement where labelled | mean Dice | worst label (Dice, voxels) | voxels "
        + "changed | every Dice ≥ " + diceGoal + " |");
    out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    String best = null;
    double bestSpeedUp = 0;
    List<Setting> settings = profilesOnly ? new ArrayList<>() : grid();
    profiles.forEach(p -> settings.add(Setting.of(p)));
    for (Setting s : settings) {
      JsonNode r = s.equals(reference) ? ref : run(s);
      LabelComparison c = LabelComparison.of(referenceLabels, LabelComparison.read(work.resolve(s.file())));
      double speedUp = referenceWall / r.get("wallSeconds").asDouble();
      boolean keeps = c.worstDice() >= diceGoal;
      String described = row(s, r, c, speedUp, keeps);
      if (keeps && speedUp > bestSpeedUp) {
        bestSpeedUp = speedUp;
        best = described;
      }
    }
    out.println();
    out.println(best == null ? "No setting keeps every label's Dice ≥ " + diceGoal + "."
        : String.format("Fastest setting keeping every label's Dice ≥ %s: %s (%.2f× the reference).", diceGoal, best,
            bestSpeedUp));
    return 0;
  }

  /** Prints one row; returns the setting in words. */
  private String row(Setting s, JsonNode r, LabelComparison c, double speedUp, boolean keeps) {
    JsonNode set = r.get("settings");
    String accumulation = set.get("accumulation").asText().toLowerCase();
    if (accumulation.equals("topk")) {
      accumulation += " K=" + set.get("topK").asInt() + (set.get("recheck").asBoolean() ? "" : " one pass");
    }
    String[] columns = {s.profile() == null ? "—" : s.profile().label(), set.get("overlap").asText(),
        set.get("mode").asText().toLowerCase(), accumulation, set.get("skipAir").asText(), set.get("crop").asText(),
        set.get("precision").asText()};
    spec.commandLine().getOut().printf("| %s | %d/%d | %.1f | %.2f× | %.0f | %.1f | %s | %d (%d, %.1f) | %.3f %% | "
        + "%.3f %% | %.4f | %d (%.4f, %d) | %d | %s |%n", String.join(" | ", columns), r.get("windowsRun").asInt(),
        r.get("windowsTotal").asInt(), r.get("wallSeconds").asDouble(), speedUp,
        r.get("peakRssBytes").asDouble() / 1e6, r.get("accumulationBytes").asDouble() / 1e6, BenchFormat.proven(r),
        r.path("voxelsRechecked").asLong(), r.path("windowsRechecked").asInt(),
        r.path("recheckBytes").asDouble() / 1e6, 100 * c.agreement(), 100 * c.labelledAgreement(), c.meanDice(),
        c.worstLabel(), c.worstDice(), c.worstLabelVoxels(), c.changed(), keeps ? "yes" : "no");
    spec.commandLine().getOut().flush();
    return String.join(" ", columns).replace("— ", "");
  }

  private void requireNoneOrHu(String option, String value) {
    if (!value.equals("none") && !value.matches("-?[0-9]+(\\.[0-9]+)?")) {
      throw new CommandLine.ParameterException(spec.commandLine(), option + " takes 'none' or an HU value, got '"
          + value + "'");
    }
  }

  /** Every combination, precision outermost and top-k K innermost. */
  private List<Setting> grid() {
    List<Setting> grid = new ArrayList<>();
    for (Precision precision : precisions) {
      for (String skip : skipAir) {
        for (String crop : crops) {
          for (double overlap : overlaps) {
            for (BlendMode mode : modes) {
              addAccumulations(grid, overlap, mode, skip, crop, precision);
            }
          }
        }
      }
    }
    return grid;
  }

  private void addAccumulations(List<Setting> grid, double overlap, BlendMode mode, String skip, String crop,
      Precision precision) {
    for (Accumulation accumulation : accumulations) {
      for (int k : accumulation == Accumulation.TOPK ? topKs : List.of(TilingOptions.DEFAULT_TOP_K)) {
        for (boolean recheck : accumulation == Accumulation.TOPK ? rechecks : List.of(true)) {
          grid.add(new Setting(overlap, mode, accumulation, k, recheck, skip, crop, precision, null));
        }
      }
    }
  }

  private JsonNode run(Setting s) throws Exception {
    Path card = s.precision() == Precision.INT8 ? int8Model : model;
    List<String> args = new ArrayList<>(List.of("--model", card.toString(),
        "--work", work.toString(), "--dims", dims.values()[0] + "x" + dims.values()[1] + "x" + dims.values()[2],
        "--runtimes", "onednn", "--labels-out", work.resolve(s.file()).toString()));
    if (s.profile() != null) {
      args.addAll(List.of("--profile", s.profile().label()));
    } else {
      args.addAll(List.of("--overlaps", Double.toString(s.overlap()), "--modes", s.mode().name(), "--accumulations",
          s.accumulation().name(), "--topks", Integer.toString(s.topK()), "--precisions", s.precision().label(),
          "--crop", s.crop()));
      if (!s.recheck()) {
        args.add("--no-topk-recheck");
      }
      if (!s.skipAir().equals("none")) {
        args.add("--skip-air=" + Float.parseFloat(s.skipAir()));
      }
    }
    args.addAll(ct.childArgs());
    return BenchChildren.run(xmx, args);
  }
}
