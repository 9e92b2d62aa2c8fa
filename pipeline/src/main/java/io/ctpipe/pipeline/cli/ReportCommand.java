package io.ctpipe.pipeline.cli;

import io.ctpipe.pipeline.report.QaRun;
import io.ctpipe.pipeline.report.ReportWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes the static QA report of a run. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write a static QA report (HTML, SVG, PNG; no server, no script) of one run: the cohort page "
        + "(counts, dead letters, geometry flags, body parts, label volumes with outliers, timings) and a page per "
        + "series (body part score curve, segmentation overlays drawn from the SEG read back over the CT).")
final class ReportCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--qa", required = true, description = "The run's QA folder (OUTPUT/qa, Avro or JSON tables).")
  Path qa;

  @Option(names = "--run", description = "Run id (default: the latest run in the folder).")
  String runId;

  @Option(names = "--out", required = true, description = "Folder for the report.")
  Path out;

  @Override
  public Integer call() throws Exception {
    Path index = ReportWriter.write(QaRun.read(qa, runId), out);
    spec.commandLine().getOut().println("report: " + index.toAbsolutePath());
    return 0;
  }
}
