package io.ctpipe.pipeline.cli;

import io.ctpipe.dicom.phantom.PhantomSeriesWriter;
import io.ctpipe.dicom.phantom.PhantomSpec;
import io.ctpipe.pipeline.beam.CtPipelineOptions;
import io.ctpipe.pipeline.beam.PipelineLauncher;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The main job on embedded defaults: needs nothing but this jar. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the whole pipeline on embedded defaults: write a small synthetic CT cohort (three phantom "
        + "series, one broken series) and a manifest with one malformed line, then process it on the DirectRunner "
        + "with the built-in tissue-ct model and the untrained BPR replica: DICOM SEGs, QA tables, dead letters.")
final class DemoCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--work", defaultValue = "ctpipe-demo", description = "Working folder (default: ${DEFAULT-VALUE}).")
  Path work;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path cohort = work.resolve("cohort").toAbsolutePath();
    List<String> manifest = new ArrayList<>(List.of("# ctpipe demo cohort: one series folder per line"));
    int[][] dims = {{160, 160, 90}, {128, 128, 70}, {144, 144, 60}};
    double[][] spacing = {{2.5, 2.5, 4}, {3, 3, 5}, {2.8, 2.8, 6}};
    for (int i = 0; i < dims.length; i++) {
      Path folder = cohort.resolve("series-" + (i + 1));
      PhantomSeriesWriter.write(PhantomSpec.of(dims[i], spacing[i], i + 1), folder);
      manifest.add(folder.toString());
    }
    Path broken = cohort.resolve("broken-series");
    writeBrokenSeries(broken);
    manifest.add(broken.toString());
    manifest.add("this line names no series");
    Path manifestFile = cohort.resolve("manifest.txt");
    Files.write(manifestFile, manifest);
    out.printf("wrote a cohort of 3 synthetic CT series and 1 broken series, manifest %s (%d lines, one "
        + "malformed)%n", manifestFile, manifest.size());
    CtPipelineOptions options = PipelineLauncher.options("--manifest=" + manifestFile,
        "--output=" + work.resolve("output").toAbsolutePath(), "--segModel=zoo:tissue-ct",
        "--bprModel=zoo:bpr-vgg16");
    out.println("models: tissue-ct (analytic, built in) and bpr-vgg16 (UNTRAINED replica: its body part "
        + "scores mean nothing)");
    int status = RunCommand.run(options, out);
    Path index = io.ctpipe.pipeline.report.ReportWriter.write(io.ctpipe.pipeline.report.QaRun.read(
        work.resolve("output").resolve("qa").toAbsolutePath(), options.getRunId()), work.resolve("report"));
    out.println("report:      " + index.toAbsolutePath() + "  (open it in a browser)");
    return status;
  }

  /** A phantom series whose every file is cut short in its pixel data: readable headers, undecodable images. */
  private static void writeBrokenSeries(Path folder) throws java.io.IOException {
    PhantomSeriesWriter.write(PhantomSpec.of(new int[] {64, 64, 12}, new double[] {4, 4, 5}, 99)
        .withSeriesTag("broken"), folder);
    try (var files = Files.list(folder)) {
      for (Path f : files.toList()) {
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length - 4000));
      }
    }
  }
}
