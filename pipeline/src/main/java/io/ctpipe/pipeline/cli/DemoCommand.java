package io.ctpipe.pipeline.cli;

import io.ctpipe.dicom.DicomReader;
import io.ctpipe.dicom.phantom.PhantomSeriesWriter;
import io.ctpipe.dicom.phantom.PhantomSpec;
import io.ctpipe.dicom.volume.SeriesInspector;
import io.ctpipe.dicom.volume.SeriesScanner;
import io.ctpipe.dicom.volume.VolumeAssembler;
import io.ctpipe.models.zoo.ModelZoo;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The main job on embedded defaults: needs nothing but this jar. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run ctpipe on embedded defaults: write a synthetic CT phantom series, inspect it, and segment "
        + "it with the built-in analytic tissue-ct model (label map, report and DICOM SEG).")
final class DemoCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--work", defaultValue = "ctpipe-demo", description = "Working folder (default: ${DEFAULT-VALUE}).")
  Path work;

  @Override
  public Integer call() throws Exception {
    Path series = work.resolve("phantom");
    PhantomSeriesWriter.Written written = PhantomSeriesWriter.write(
        PhantomSpec.of(new int[] {256, 256, 200}, new double[] {1.5, 1.5, 2.0}, 1), series);
    out().println("wrote " + written.files() + " synthetic CT images to " + series);
    DicomReader reader = new DicomReader();
    SeriesInspector.Inspection inspection =
        new SeriesInspector(new SeriesScanner(reader), new VolumeAssembler(reader)).inspect(series);
    InspectCommand.printTable(inspection, out());
    Path card = ModelZoo.write(work.resolve("models"), List.of(ModelZoo.TISSUE_CT)).get(ModelZoo.TISSUE_CT);
    Path segmentation = work.resolve("segmentation");
    out().println("segmenting with " + card);
    CommandLine segment = CtpipeCommand.newCommandLine();
    segment.setOut(spec.commandLine().getOut());
    segment.setErr(spec.commandLine().getErr());
    return segment.execute("segment", "--model", card.toString(), "--input", series.toString(), "--out",
        segmentation.toString());
  }

  private java.io.PrintWriter out() {
    return spec.commandLine().getOut();
  }
}
