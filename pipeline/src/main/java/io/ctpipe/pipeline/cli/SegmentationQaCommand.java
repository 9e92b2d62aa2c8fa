package io.ctpipe.pipeline.cli;

import io.ctpipe.dicom.DicomReader;
import io.ctpipe.dicom.labelmap.LabelMapFiles;
import io.ctpipe.dicom.seg.CodedConcept;
import io.ctpipe.dicom.seg.SegReader;
import io.ctpipe.dicom.seg.SegmentDescription;
import io.ctpipe.dicom.seg.SegmentDescriptions;
import io.ctpipe.dicom.seg.SegmentInfo;
import io.ctpipe.dicom.seg.Segmentation;
import io.ctpipe.dicom.seg.Terminology;
import io.ctpipe.dicom.volume.CtVolume;
import io.ctpipe.dicom.volume.HuVolume;
import io.ctpipe.dicom.volume.LabelMap;
import io.ctpipe.models.qa.QaReport;
import io.ctpipe.models.qa.SegMeasurement;
import io.ctpipe.models.qa.SegmentNames;
import io.ctpipe.models.qa.SegmentationQa;
import io.ctpipe.pipeline.command.CtInputs;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Measures and judges a segmentation (label map file or DICOM SEG) on its CT: docs/segmentation-qa.md. */
@Command(name = "segmentation", mixinStandardHelpOptions = true,
    description = "Per-structure facts (volume, components, centroid, box, scan-end contact) and plausibility flags "
        + "(LATERALITY, FRAGMENTED, TRUNCATED, VOLUME, ORDER) of a segmentation on its CT. Structure names come "
        + "from --labels, the SEG's segments, or the built-in TotalSegmentator 'total' table.")
final class SegmentationQaCommand implements Callable<Integer> {
  /** Anything a SEG's segment type needs no code for: the QA reads names only. */
  private static final CodedConcept ANY_TYPE = new CodedConcept("SCT", "85756007", "Tissue");

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--ct", required = true, description = "The CT: a DICOM file or folder holding one series, or "
      + "a NIfTI file.")
  Path ct;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Segmentations segmentation;

  /** Exactly one source of labels. */
  static final class Segmentations {
    @Option(names = "--labelmap", description = "Label map on the CT's grid: .nii, .nii.gz or .nrrd.")
    Path labelMap;

    @Option(names = "--seg", description = "DICOM SEG on the CT's series (the CT must then be DICOM).")
    Path seg;
  }

  @Option(names = "--labels", description = "JSON array naming each label value of --labelmap "
      + "([{\"value\": 1, \"label\": \"spleen\"}, …]); default: the TotalSegmentator 'total' table.")
  Path labels;

  @Option(names = "--json", description = "Print one JSON object (default: one line per flag).")
  boolean json;

  @Override
  public Integer call() throws Exception {
    requireFile(ct, "--ct");
    PrintWriter out = spec.commandLine().getOut();
    HuVolume volume = CtInputs.read(ct, spec.commandLine().getErr());
    List<String> warnings = new ArrayList<>();
    QaReport report;
    if (segmentation.seg != null) {
      requireFile(segmentation.seg, "--seg");
      if (labels != null) {
        throw parameterError("--labels names label map values; a SEG names its own segments");
      }
      if (!(volume instanceof CtVolume series)) {
        throw parameterError("--seg needs the DICOM CT series the SEG refers to, not " + ct.getFileName());
      }
      Segmentation seg = SegReader.read(new DicomReader().read(segmentation.seg));
      SegMeasurement measured = SegMeasurement.of(seg, series);
      Map<Integer, String> names = new TreeMap<>();
      for (SegmentInfo s : seg.segments()) {
        names.put(s.number(), SegmentNames.of(s, Terminology.wholeBodyCt()));
      }
      warnings.addAll(seg.warnings());
      if (measured.overlappingVoxels() > 0) {
        warnings.add(measured.overlappingVoxels() + " voxels belong to more than one segment; each segment was "
            + "measured alone");
      }
      report = SegmentationQa.judge(volume, measured.facts(), names);
    } else {
      requireFile(segmentation.labelMap, "--labelmap");
      LabelMap map = LabelMapFiles.onGrid(LabelMapFiles.read(segmentation.labelMap), volume);
      Map<Integer, String> names = labelNames();
      for (int value : map.presentLabels()) {
        if (!names.containsKey(value)) {
          throw new IllegalArgumentException("label value " + value + " occurs in " + segmentation.labelMap
              .getFileName() + " but " + (labels == null ? "is not in the built-in TotalSegmentator 'total' "
              + "table; name it with --labels" : "is not named in " + labels.getFileName()));
        }
      }
      report = SegmentationQa.judge(volume, map, names);
    }
    if (json) {
      out.println(IndentedJson.MAPPER.writeValueAsString(QaReportJson.of(report, warnings)));
      return 0;
    }
    warnings.forEach(w -> out.println("warning: " + w));
    out.printf("%d structure(s), %d flag(s)%n", report.segments().size(), report.flags().size());
    report.flags().forEach(f -> out.printf("  %-7s %-11s %-28s %s%n", f.outcome().severity(), f.outcome().kind(),
        f.structure(), f.outcome().detail()));
    return 0;
  }

  private Map<Integer, String> labelNames() throws Exception {
    Map<Integer, String> names = new TreeMap<>();
    List<SegmentDescription> descriptions = labels == null ? Terminology.wholeBodyCt().entries()
        : SegmentDescriptions.read(requireFile(labels, "--labels"), Terminology.wholeBodyCt(), ANY_TYPE);
    descriptions.forEach(d -> names.put(d.labelValue(), d.label()));
    return names;
  }

  private Path requireFile(Path path, String option) {
    if (!Files.exists(path)) {
      throw parameterError(option + " " + path + ": no such file or folder");
    }
    return path;
  }

  private CommandLine.ParameterException parameterError(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
