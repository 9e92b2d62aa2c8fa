package io.ctpipe.pipeline.cli;

import io.ctpipe.dicom.DicomReader;
import io.ctpipe.dicom.volume.SeriesInspector;
import io.ctpipe.dicom.volume.SeriesScanner;
import io.ctpipe.dicom.volume.SeriesSummary;
import io.ctpipe.dicom.volume.VolumeAssembler;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Describes every series below a path: geometry, HU statistics and QA flags. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Group the DICOM files of a file or folder (recursively) into series, assemble each into a CT "
        + "volume and report its geometry, HU statistics and QA flags. Unreadable files are listed with why on "
        + "standard error; the other series are still reported.",
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:every file read and every series assembled",
        "1:no image series could be read",
        "2:series reported, but some files were skipped or some series rejected"})
final class InspectCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "A DICOM file or a folder.")
  Path path;

  @Option(names = "--json", description = "Print a JSON array with one object per series.")
  boolean json;

  @Option(names = "--allow-non-ct", description = "Assemble series whose Modality is not CT instead of rejecting them.")
  boolean allowNonCt;

  @Override
  public Integer call() throws Exception {
    DicomReader reader = new DicomReader();
    SeriesInspector inspector = new SeriesInspector(new SeriesScanner(reader),
        new VolumeAssembler(reader, allowNonCt, Integer.MAX_VALUE - 16));
    SeriesInspector.Inspection inspection = inspector.inspect(path);
    if (json) {
      out().println(IndentedJson.MAPPER.writeValueAsString(inspection.series()));
    } else {
      printTable(inspection, out());
    }
    printSkipped(inspection.skipped(), spec.commandLine().getErr());
    if (inspection.series().isEmpty()) {
      return 1;
    }
    boolean rejected = !inspection.series().stream().allMatch(SeriesSummary::assembled);
    return inspection.skipped().isEmpty() && !rejected ? 0 : 2;
  }

  static void printTable(SeriesInspector.Inspection inspection, PrintWriter out) {
    if (inspection.series().isEmpty()) {
      out.println("no image series found");
    }
    for (SeriesSummary s : inspection.series()) {
      out.println("series   " + s.seriesInstanceUid());
      out.println("  study      " + s.studyInstanceUid());
      out.println("  modality   " + s.modality() + ", " + s.instances() + " instance(s), "
          + String.join(" ", s.transferSyntaxes()));
      if (s.dims() != null) {
        out.printf("  grid       %d x %d x %d voxels, spacing %s mm%n", s.dims()[0], s.dims()[1], s.dims()[2],
            format(s.spacing()));
        out.println("  origin     " + format(s.origin()) + " mm (LPS)");
        out.println("  direction  " + format(s.direction()));
        out.printf("  HU         min %.0f, max %.0f, mean %.1f (decoded in %d ms)%n", s.huMin(), s.huMax(),
            s.huMean(), s.decodeMillis());
      }
      out.println("  flags      " + (s.flags().isEmpty() ? "none" : String.join("; ", s.flags())));
    }
  }

  private static void printSkipped(Map<String, String> skipped, PrintWriter err) {
    if (!skipped.isEmpty()) {
      err.println("skipped " + skipped.size() + " file(s):");
      skipped.forEach((file, why) -> err.println("  " + file + ": " + why));
    }
  }

  private static String format(double[] values) {
    return Arrays.stream(values).mapToObj(v -> String.format("%.4g", v)).reduce((a, b) -> a + ", " + b)
        .orElse("");
  }

  private java.io.PrintWriter out() {
    return spec.commandLine().getOut();
  }
}
