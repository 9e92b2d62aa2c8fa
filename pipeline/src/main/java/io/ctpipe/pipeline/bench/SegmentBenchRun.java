package io.ctpipe.pipeline.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctpipe.models.card.ModelCard;
import io.ctpipe.models.card.ModelCards;
import io.ctpipe.models.runtime.Backend;
import io.ctpipe.models.runtime.InferenceBackends;
import io.ctpipe.models.runtime.InferenceSettings;
import io.ctpipe.models.runtime.OpenedNetwork;
import io.ctpipe.models.runtime.OrtPredictor;
import io.ctpipe.models.runtime.OrtSessions;
import io.ctpipe.models.runtime.Precision;
import io.ctpipe.models.runtime.ResolvedInference;
import io.ctpipe.models.runtime.SessionSettings;
import io.ctpipe.models.runtime.onednn.CpuFeatures;
import io.ctpipe.models.runtime.onednn.StepTimes;
import io.ctpipe.models.segment.Segmenter;
import io.ctpipe.models.tiling.TiledInference;
import io.ctpipe.models.tiling.TilingOptions;
import io.ctpipe.pipeline.command.PeakRss;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One configuration of {@code bench segment}, run in a child JVM ({@link BenchMain}) so that its peak RSS is its
 * own: the first value of each of the options' lists, timed on the phantom or the --input CT; prints one JSON line
 * (times, windows, memory, settings) and writes the labels to --labels-out for the parent to compare.
 */
@Command(name = "segment")
final class SegmentBenchRun implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  SegmentBenchOptions options = new SegmentBenchOptions();

  @Option(names = "--labels-out")
  Path labelsOut;

  @Override
  public Integer call() throws Exception {
    spec.commandLine().getOut().println(run(options.cardPath()));
    return 0;
  }

  private String run(Path cardFile) throws Exception {
    ModelCard card = ModelCards.read(cardFile);
    ModelCard preprocessing = options.speedProfile != null ? options.speedProfile.preprocessing(card)
        : options.crop.equals("none") ? card : card.withCrop(Double.parseDouble(options.crop));
    BenchVolume volume = options.ct.present() ? BenchVolume.of(options.ct.read(), preprocessing)
        : BenchVolume.torso(options.dims.values(), card);
    int[] size = volume.size();
    int threadCount = options.threads != null ? options.threads : Runtime.getRuntime().availableProcessors();
    String sha = ModelCards.verifiedSha256(card);
    TilingOptions tiling = options.speedProfile != null
        ? Segmenter.options(card, options.speedProfile).withPlaneTile(options.planeTile)
        : TilingOptions.of(card.roiSize(), options.overlaps.get(0), options.modes(cardFile).get(0))
            .withSigmaScale(card.sigmaScale()).withBatch(options.batches.get(0))
            .withAccumulation(options.accumulations.get(0))
            .withTopK(options.topKs.get(0)).withPlaneTile(options.planeTile)
            .withSkipBelow(options.skipAirHu == null ? Float.NaN : card.intensity().apply(options.skipAirHu))
            .withPadValue(card.padValue()).withRecheck(!options.noRecheck);
    Precision precision = options.speedProfile != null ? options.speedProfile.precision(card.precision())
        : options.precisions.get(0);
    long macs = BenchJson.cardNumber(cardFile, "macsPerWindow");
    StepTimes profile = new StepTimes();
    try (OpenedNetwork network = open(card, sha, threadCount, precision, profile)) {
      double isolated = Double.NaN;
      for (int i = 0; i < options.warmup; i++) {
        long w0 = System.nanoTime();
        network.predictor().predictSlabs(tiling.batch(), card.roiSize()[0], (window, first, planes, logits, at) -> {
        });
        isolated = (System.nanoTime() - w0) / 1e9 / tiling.batch();
      }
      profile.clear();
      long t0 = System.nanoTime();
      TiledInference.Result result = TiledInference.run(volume.values(), size, network.predictor(), tiling,
          threadCount);
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
      if (!Double.isNaN(isolated)) {
        out.put("isolatedSecondsPerWindow", isolated);
      }
      out.putObject("settings").put("overlap", tiling.overlap()[0]).put("mode", tiling.mode().name())
          .put("accumulation", tiling.accumulation().name()).put("topK", tiling.topK())
          .put("recheck", tiling.recheck())
          .put("skipAir", Float.isNaN(tiling.skipBelow()) ? "none" : skipAirHuLabel())
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

  /** The HU of the air-skipping threshold (the tiling options hold it as a model input value). */
  private String skipAirHuLabel() {
    return Long.toString(Math.round(options.speedProfile == null ? options.skipAirHu
        : options.speedProfile.skipBelowHu()));
  }

  /** ONNX Runtime with this command's session settings, or the backend the seam picks. */
  private OpenedNetwork open(ModelCard card, String sha, int threadCount, Precision precision, StepTimes profile)
      throws Exception {
    Backend runtime = options.runtimes.get(0);
    if (runtime == Backend.ONNXRUNTIME) {
      SessionSettings settings = new SessionSettings(threadCount, options.optLevel, !options.noArena,
          options.memoryPattern, options.ortConfig);
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
