package io.ctpipe.pipeline.cli;

import io.ctpipe.dicom.Tag;
import io.ctpipe.dicom.volume.CtVolume;
import io.ctpipe.dicom.volume.HuVolume;
import io.ctpipe.models.bpr.BodyPartRegression;
import io.ctpipe.models.bpr.BprCard;
import io.ctpipe.models.bpr.BprCards;
import io.ctpipe.models.bpr.BprJson;
import io.ctpipe.models.bpr.BprReport;
import io.ctpipe.models.bpr.ScoreCurve;
import io.ctpipe.pipeline.command.Converters;
import io.ctpipe.pipeline.command.CtInputs;
import io.ctpipe.pipeline.command.InferenceOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Body part regression of one CT series or NIfTI image. */
@Command(name = "bpr", mixinStandardHelpOptions = true,
    description = "Body part regression of a CT (DICOM folder or .nii/.nii.gz) with a model card of task "
        + "body-part-regression: writes bpreg's JSON (NaN as null) plus a 'ctpipe' block of QA flags.")
final class BprCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", required = true, description = "Body part regression model card (JSON).")
  Path card;

  @Option(names = "--input", required = true, description = "DICOM folder or NIfTI file.")
  Path input;

  @Option(names = "--out", required = true, description = "JSON file to write.")
  Path out;

  @Option(names = "--batch", converter = Converters.SliceBatch.class,
      description = "Slices per network call (default: the card's).")
  Integer batch;

  @CommandLine.Mixin
  InferenceOptions inference = new InferenceOptions();

  @Override
  public Integer call() throws Exception {
    PrintWriter console = spec.commandLine().getOut();
    BprCard model = BprCards.read(card);
    BprReport report;
    String runtime;
    String bodyPart;
    // what scores the slices (and why, after a fallback) is settled before the CT is read
    try (BodyPartRegression bpr = new BodyPartRegression(model, batch, inference.overrides().applyTo(
        model.runtime(), model.precision()))) {
      runtime = bpr.network().describe() + (bpr.network().note() == null ? "" : ": " + bpr.network().note());
      HuVolume ct = CtInputs.read(input, spec.commandLine().getErr());
      bodyPart = ct instanceof CtVolume v ? v.referenceHeader().string(Tag.BODY_PART_EXAMINED).orElse(null) : null;
      report = bpr.run(ct, bodyPart);
    }
    BprJson.write(report, new VersionProvider().getVersion()[0], out);
    if (model.untrained()) {
      console.println("WARNING: model '" + model.id() + "' is an untrained replica; its scores mean nothing.");
    }
    ScoreCurve curve = report.curve();
    console.printf("%d slices (%.1f mm): body part %s; slice order %s; z-spacing %s (score slope ratio %.2f); "
        + "%d anomalous slices; DICOM Body Part Examined %s: %s%n", report.slices(), curve.dz(), report.tag(),
        curve.reversed() ? "REVERSED" : "feet to head", Double.isNaN(curve.validZSpacing()) ? "not judged"
            : curve.validZSpacing() == 1 ? "valid" : "INVALID", curve.slopeRatio(),
        report.anomalies().slices().size(), bodyPart == null ? "absent" : bodyPart,
        report.bodyPartCheck().agreement());
    console.printf("preprocess %.1f s, inference %.1f s (%s); wrote %s%n", report.preprocessMillis() / 1000.0,
        report.inferenceMillis() / 1000.0, runtime, out);
    return 0;
  }
}
