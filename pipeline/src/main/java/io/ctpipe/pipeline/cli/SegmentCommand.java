package io.ctpipe.pipeline.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctpipe.dicom.SafePaths;
import io.ctpipe.dicom.UidGrammar;
import io.ctpipe.dicom.UnsafeNameException;
import io.ctpipe.dicom.labelmap.NiftiWriter;
import io.ctpipe.dicom.seg.SegmentationException;
import io.ctpipe.dicom.seg.SegmentationType;
import io.ctpipe.dicom.seg.SegmentationTypeChoice;
import io.ctpipe.dicom.volume.CtVolume;
import io.ctpipe.dicom.volume.HuVolume;
import io.ctpipe.models.card.ModelCard;
import io.ctpipe.models.card.ModelCards;
import io.ctpipe.models.card.SpeedProfile;
import io.ctpipe.models.runtime.ConstantWindowGuard;
import io.ctpipe.models.runtime.OpenedNetwork;
import io.ctpipe.models.segment.SegBuilder;
import io.ctpipe.models.segment.SegmentationRun;
import io.ctpipe.models.segment.SegmentationSetup;
import io.ctpipe.models.segment.Segmenter;
import io.ctpipe.models.tiling.Accumulation;
import io.ctpipe.models.tiling.BlendMode;
import io.ctpipe.models.tiling.TilingOptions;
import io.ctpipe.pipeline.command.Converters;
import io.ctpipe.pipeline.command.CtInputs;
import io.ctpipe.pipeline.command.InferenceOptions;
import io.ctpipe.pipeline.command.PeakRss;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Segments one CT series or NIfTI image with a model card. */
@Command(name = "segment", mixinStandardHelpOptions = true,
    description = "Segment a CT (DICOM folder or .nii/.nii.gz) with an ONNX model described by a model card, on "
        + "the oneDNN engine or ONNX Runtime. "
        + "Writes DIR/labelmap.nii.gz on the input grid, DIR/segment.json (timings, windows, memory, label "
        + "volumes) and, for DICOM input, DIR/<SeriesInstanceUID>.seg.dcm.")
final class SegmentCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", required = true, description = "Model card (JSON).")
  Path card;

  @Option(names = "--input", required = true, description = "DICOM folder or NIfTI file.")
  Path input;

  @Option(names = "--out", required = true, description = "Output folder.")
  Path out;

  @Option(names = "--overlap", converter = Converters.Overlap.class,
      description = "Window overlap in [0, 1) (default: the card's).")
  Double overlap;

  @Option(names = "--mode", description = "gaussian or constant blending (default: the card's).")
  BlendMode mode;

  @Option(names = "--batch", converter = Converters.Batch.class,
      description = "Windows per network call (default: the card's).")
  Integer batch;

  @Option(names = "--profile", converter = Converters.ProfileConverter.class,
      description = "fast, balanced or accurate: named overlap, blend, accumulation, air skipping and precision "
          + "(docs/benchmarks.md); the flags below override it (default: the card's profile, else the card's own "
          + "settings).")
  SpeedProfile profile;

  @Option(names = "--accumulation", converter = Converters.AccumulationConverter.class,
      description = "full, streaming, streaming-fp16 or topk (default: the profile's, else streaming).")
  Accumulation accumulation;

  @Option(names = "--topk", converter = Converters.TopK.class,
      description = "Class sums kept per voxel by topk accumulation, 1 to 7 (default: "
      + TilingOptions.DEFAULT_TOP_K + ").")
  Integer topK;

  @Option(names = "--no-topk-recheck", description = "Leave top-k's unproven voxels as its first pass labelled them "
      + "instead of running again the windows over them for FULL's labels (faster; segment.json says how many "
      + "voxels were proven).")
  boolean noRecheck;

  @Option(names = "--plane-tile", converter = Converters.PlaneTile.class,
      description = "Hold the streaming accumulation for tiles of N×N voxels of the "
      + "plane at a time: memory independent of the plane size, windows on tile borders run once per tile.")
  Integer planeTile;

  @Option(names = "--skip-air", description = "Skip windows whose every voxel is below this HU (e.g. -900).")
  Float skipAirHu;

  @CommandLine.Mixin
  InferenceOptions inference = new InferenceOptions();

  @Option(names = "--seg-type", defaultValue = "auto",
      description = "auto (LABELMAP above " + SegmentationTypeChoice.DEFAULT_LABELMAP_ABOVE + " labels), binary or "
          + "labelmap (default: ${DEFAULT-VALUE}).")
  SegmentationTypeChoice segType;

  @Override
  public Integer call() throws Exception {
    requireConsistentSettings();
    PrintWriter console = spec.commandLine().getOut();
    ModelCard model = ModelCards.read(card);
    int threadCount = inference.threadCount();
    HuVolume ct;
    long readMillis;
    SegmentationRun run;
    TilingOptions options;
    OpenedNetwork network;
    SpeedProfile used;
    SegmentationSetup setup;
    // what runs the model (and why, after a fallback) is settled before the CT is read
    try (Segmenter segmenter = Segmenter.open(model, profile, inference.overrides())) {
      network = segmenter.network();
      used = segmenter.profile();
      options = options(segmenter);
      setup = segmenter.setup().withTiling(options);
      long t0 = System.nanoTime();
      ct = readInput();
      readMillis = (System.nanoTime() - t0) / 1_000_000;
      run = segmenter.segment(ct, options);
    }
    long t1 = System.nanoTime();
    Files.createDirectories(out);
    NiftiWriter.write(run.labels(), ct, out.resolve("labelmap.nii.gz"));
    String segFile = writeSeg(ct, setup, run, console);
    long writeMillis = (System.nanoTime() - t1) / 1_000_000;
    Files.writeString(out.resolve("segment.json"), report(model, run, options, used, readMillis, writeMillis, segFile,
        threadCount, network), StandardCharsets.UTF_8);
    if (model.untrained()) {
      console.println("WARNING: model '" + model.id() + "' is an untrained replica; its labels mean nothing.");
    }
    console.printf("%d windows (%d run, %d skipped) on a %dx%dx%d model grid, inference %.1f s (%s%s); %d labels; "
        + "wrote %s%n", run.tiling().windowsTotal(), run.tiling().windowsRun(), run.tiling().windowsSkipped(),
        run.modelGrid()[0], run.modelGrid()[1], run.modelGrid()[2], run.inferenceMillis() / 1000.0,
        network.describe(), network.note() == null ? "" : ": " + network.note(), run.labelVoxels().size(), out);
    return 0;
  }

  /** Settings each valid alone but not together, refused before the card or the CT is read. */
  private void requireConsistentSettings() {
    if (accumulation != null && planeTile != null) {
      try {
        Converters.checkTiling(o -> o.withAccumulation(accumulation).withPlaneTile(planeTile));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--plane-tile " + planeTile
            + " with --accumulation " + accumulation.name().toLowerCase(java.util.Locale.ROOT) + ": "
            + e.getMessage());
      }
    }
  }

  private HuVolume readInput() throws Exception {
    return CtInputs.read(input, spec.commandLine().getErr());
  }

  private TilingOptions options(Segmenter segmenter) {
    TilingOptions o = segmenter.defaultOptions();
    if (accumulation != null) {
      o = o.withAccumulation(accumulation);
    }
    if (topK != null) {
      o = o.withTopK(topK);
    }
    if (noRecheck) {
      o = o.withRecheck(false);
    }
    if (planeTile != null) {
      o = o.withPlaneTile(planeTile);
    }
    if (overlap != null || mode != null) {
      o = o.withOverlap(overlap != null ? overlap : o.overlap()[0]).withMode(mode != null ? mode : o.mode());
    }
    if (batch != null) {
      o = o.withBatch(batch);
    }
    if (skipAirHu != null) {
      o = o.withSkipBelow(segmenter.inputValueOf(skipAirHu));
    }
    return o;
  }

  private String writeSeg(HuVolume ct, SegmentationSetup setup, SegmentationRun run, PrintWriter console)
      throws Exception {
    if (!(ct instanceof CtVolume volume)) {
      return null;
    }
    SegmentationType type = segType.resolve(setup.card().labels().size(),
        SegmentationTypeChoice.DEFAULT_LABELMAP_ABOVE);
    try {
      Path file = SafePaths.under(out, UidGrammar.require("SeriesInstanceUID", volume.seriesInstanceUid())
          + ".seg.dcm");
      SegBuilder.build(volume, run, setup, type, new VersionProvider().getVersion()[0],
          LocalDateTime.now()).write(file);
      return file.getFileName().toString();
    } catch (SegmentationException | UnsafeNameException e) {
      console.println("no SEG written: " + e.getMessage());
      return null;
    }
  }

  private String report(ModelCard model, SegmentationRun run, TilingOptions options, SpeedProfile used,
      long readMillis,
      long writeMillis, String segFile, int threadCount, OpenedNetwork network) throws Exception {
    ObjectNode root = IndentedJson.MAPPER.createObjectNode();
    root.putObject("model").put("id", model.id()).put("version", model.version()).put("untrained",
        model.untrained()).put("sha256", model.sha256());
    if (model.untrained()) {
      root.put("warning", "untrained replica with seeded random weights: the labels mean nothing");
    }
    ObjectNode runtime = root.putObject("inference").put("runtime", network.backend().label())
        .put("precision", network.precision().label());
    if (network.note() != null) {
      runtime.put("note", network.note());
    }
    if (network.predictor() instanceof ConstantWindowGuard guard) {
      runtime.put("windowsInFp32", guard.fp32Windows()).put("fp32Guard", String.format(java.util.Locale.ROOT,
          "windows with at least %.0f %% of their voxels at their lowest value (padding, clipped air) run in fp32",
          100 * guard.threshold()));
    }
    ObjectNode tiling = root.putObject("tiling");
    tiling.put("roi", java.util.Arrays.toString(options.roi())).put("overlap", options.overlap()[0])
        .put("mode", options.mode().name()).put("batch", options.batch())
        .put("accumulation", options.accumulation().name()).put("threads", threadCount);
    if (options.accumulation() == Accumulation.TOPK) {
      tiling.put("topK", options.topK()).put("recheck", options.recheck());
    }
    if (used != null) {
      tiling.put("profile", used.label());
    }
    tiling.putArray("modelGrid").add(run.modelGrid()[0]).add(run.modelGrid()[1]).add(run.modelGrid()[2]);
    root.putObject("windows").put("total", run.tiling().windowsTotal()).put("run", run.tiling().windowsRun())
        .put("skipped", run.tiling().windowsSkipped()).put("rechecked", run.tiling().windowsRechecked());
    if (run.tiling().exactVoxels() >= 0) {
      root.putObject("labelsProvenEqualToFull").put("voxels", run.tiling().exactVoxels())
          .put("of", (long) run.modelGrid()[0] * run.modelGrid()[1] * run.modelGrid()[2])
          .put("byRecheck", run.tiling().voxelsRechecked());
    }
    root.putObject("memory").put("peakAccumulationBytes", run.tiling().accumulationBytes())
        .put("recheckBytes", run.tiling().recheckBytes())
        .put("peakRssBytes", PeakRss.bytes());
    root.putObject("timingsMillis").put("read", readMillis).put("preprocess", run.preprocessMillis())
        .put("inference", run.inferenceMillis()).put("blend", run.blendMillis()).put("invert", run.invertMillis())
        .put("write", writeMillis);
    ArrayNode labels = root.putArray("labels");
    run.labelVoxels().forEach((value, voxels) -> labels.addObject().put("value", value)
        .put("label", value <= model.labels().size() ? model.labels().get(value - 1).label() : "label_" + value)
        .put("voxels", voxels).put("ml", Math.round(run.labelMillilitres().get(value) * 1000) / 1000.0));
    root.put("labelmap", "labelmap.nii.gz");
    if (segFile != null) {
      root.put("seg", segFile);
    }
    return IndentedJson.MAPPER.writeValueAsString(root);
  }
}
