package io.ctpipe.pipeline.bench;

import io.ctpipe.dicom.labelmap.NiftiCtVolume;
import io.ctpipe.dicom.phantom.TorsoPhantom;
import io.ctpipe.models.bpr.BodyPartRegression;
import io.ctpipe.models.bpr.BprCard;
import io.ctpipe.models.bpr.BprCards;
import io.ctpipe.models.bpr.BprReport;
import io.ctpipe.models.zoo.ModelZoo;
import io.ctpipe.pipeline.command.Converters;
import io.ctpipe.pipeline.command.InferenceOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Times body part regression (preprocessing and inference) on a synthetic torso series. */
@Command(name = "bpr", mixinStandardHelpOptions = true,
    description = "Benchmark body part regression on a synthetic series: slices per second including "
        + "preprocessing, per batch size, and achieved GFLOP/s (2 × the network's multiply-adds per slice).")
final class BprBenchCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", description = "Model card (default: the zoo's bpr-vgg16, built into --work).")
  Path card;

  @Option(names = "--dims", converter = Converters.Dims.class, defaultValue = "512x512x300",
      description = "Columns x rows x slices of the series (default: ${DEFAULT-VALUE}).")
  Converters.IntTriple dims;

  @Option(names = "--batches", split = ",", defaultValue = "1,32,200", description = "Batch sizes to run.")
  List<Integer> batches;

  @Option(names = "--runs", defaultValue = "1", description = "Runs per batch size (default: ${DEFAULT-VALUE}).")
  int runs;

  @CommandLine.Mixin
  InferenceOptions inference = new InferenceOptions();

  @Option(names = "--work", defaultValue = "ctpipe-bench", description = "Folder for the zoo model.")
  Path work;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path cardFile = card != null ? card : ModelZoo.write(Files.createDirectories(work), List.of(ModelZoo.BPR_VGG16))
        .get(ModelZoo.BPR_VGG16);
    BprCard model = BprCards.read(cardFile);
    long macs = BenchJson.cardNumber(cardFile, "macsPerSlice");
    NiftiCtVolume ct = torso(dims.values());
    int threadCount = inference.threadCount();
    out.printf("%s, %dx%dx%d series, %d threads%n", model.id(), dims.values()[0], dims.values()[1],
        dims.values()[2], threadCount);
    out.println("batch  run  preprocess_s  inference_s  slices_per_s  GFLOP_per_s");
    for (int batch : batches) {
      try (BodyPartRegression bpr = new BodyPartRegression(model, batch, inference.overrides().applyTo(
          model.runtime(), model.precision()))) {
        out.printf("batch %d on %s%n", batch, bpr.network().describe());
        for (int run = 1; run <= runs; run++) {
          BprReport r = bpr.run(ct, null);
          double pre = r.preprocessMillis() / 1000.0;
          double inference = r.inferenceMillis() / 1000.0;
          out.printf("%5d  %3d  %12.2f  %11.2f  %12.2f  %11.1f%n", batch, run, pre, inference,
              r.slices() / (pre + inference + r.postprocessMillis() / 1000.0),
              2.0 * macs * r.slices() / inference / 1e9);
          out.flush();
        }
      }
    }
    return 0;
  }

  /** The torso phantom on an axial grid of 0.8 mm pixels and 1.5 mm slices, pelvis to chest. */
  private static NiftiCtVolume torso(int[] d) {
    double pixel = 0.8;
    double[] xs = new double[d[0]];
    double[] ys = new double[d[1]];
    Arrays.setAll(xs, i -> (i - (d[0] - 1) / 2.0) * pixel);
    Arrays.setAll(ys, i -> (i - (d[1] - 1) / 2.0) * pixel);
    TorsoPhantom phantom = new TorsoPhantom(1);
    short[] slice = new short[d[0] * d[1]];
    float[] hu = new float[d[0] * d[1] * d[2]];
    for (int z = 0; z < d[2]; z++) {
      phantom.fillSlice((z + 0.5) / d[2], xs, ys, z, slice);
      for (int i = 0; i < slice.length; i++) {
        hu[z * slice.length + i] = slice[i];
      }
    }
    return new NiftiCtVolume(d.clone(), hu, new double[] {pixel, pixel, 1.5}, new double[3],
        new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
  }
}
