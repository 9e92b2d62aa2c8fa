package io.ctpipe.pipeline.cli;

import io.ctpipe.dicom.phantom.PhantomSeriesWriter;
import io.ctpipe.dicom.phantom.PhantomSpec;
import io.ctpipe.pipeline.command.Converters;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes a synthetic CT series of a procedural torso. */
@Command(name = "phantom", mixinStandardHelpOptions = true,
    description = "Write a synthetic CT series (Explicit VR Little Endian) of a procedural torso with realistic HU "
        + "(air, fat, muscle, lungs, liver, spleen, kidneys, spine, ribs). Deterministic per seed; not patient data.")
final class PhantomCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--out", required = true, description = "Folder to write the series to.")
  Path out;

  @Option(names = "--dims", converter = Converters.Dims.class, defaultValue = "256x256x200",
      description = "COLUMNSxROWSxSLICES (default: ${DEFAULT-VALUE}).")
  Converters.IntTriple dims;

  @Option(names = "--spacing", converter = Converters.Spacing.class, defaultValue = "1.5,1.5,2.0",
      description = "Column, row and slice spacing in mm (default: ${DEFAULT-VALUE}).")
  Converters.DoubleTriple spacing;

  @Option(names = "--seed", defaultValue = "1", description = "Seed for anatomy, noise and UIDs (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    int[] d = dims.values();
    PhantomSeriesWriter.Written written =
        PhantomSeriesWriter.write(PhantomSpec.of(d, spacing.values(), seed), out);
    out().printf("wrote %d CT images of %dx%dx%d to %s (SeriesInstanceUID %s)%n", written.files(), d[0], d[1],
        d[2], out, written.seriesInstanceUid());
    return 0;
  }

  private java.io.PrintWriter out() {
    return spec.commandLine().getOut();
  }
}
