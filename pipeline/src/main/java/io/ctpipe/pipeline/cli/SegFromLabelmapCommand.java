package io.ctpipe.pipeline.cli;

import io.ctpipe.dicom.DicomReader;
import io.ctpipe.dicom.labelmap.LabelMapFiles;
import io.ctpipe.dicom.seg.CodedConcept;
import io.ctpipe.dicom.seg.SegSeriesInfo;
import io.ctpipe.dicom.seg.SegmentAlgorithmType;
import io.ctpipe.dicom.seg.SegWriter;
import io.ctpipe.dicom.seg.SegmentDescription;
import io.ctpipe.dicom.seg.SegmentDescriptions;
import io.ctpipe.dicom.seg.SegmentationType;
import io.ctpipe.dicom.seg.SegmentationTypeChoice;
import io.ctpipe.dicom.seg.Terminology;
import io.ctpipe.dicom.volume.CtSeries;
import io.ctpipe.dicom.volume.CtVolume;
import io.ctpipe.dicom.volume.LabelMap;
import io.ctpipe.dicom.volume.SeriesScanner;
import io.ctpipe.dicom.volume.VolumeAssembler;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Turns a label map file on a CT series' grid into a DICOM SEG. */
@Command(name = "seg-from-labelmap", mixinStandardHelpOptions = true,
    description = "Write a DICOM Segmentation for a label map (.nii, .nii.gz, .nrrd) that lies on the grid of a "
        + "CT series. Without --labels, label values and codes follow the built-in whole-body CT table "
        + "(TotalSegmentator 'total' numbering) and only the labels present become segments.")
final class SegFromLabelmapCommand implements Callable<Integer> {
  /** Which segmentation type to write. */
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--source", required = true, description = "Folder (or file) with the CT series.")
  Path source;

  @Option(names = "--series", description = "SeriesInstanceUID to use when the source holds several series.")
  String seriesUid;

  @Option(names = "--labelmap", required = true, description = "Label map: .nii, .nii.gz or .nrrd.")
  Path labelMap;

  @Option(names = "--labels", description = "JSON array describing each label value (see README).")
  Path labels;

  @Option(names = "--out", required = true, description = "SEG file to write.")
  Path out;

  @Option(names = "--type", defaultValue = "auto",
      description = "binary, labelmap, or auto: LABELMAP above --labelmap-above segments (default: ${DEFAULT-VALUE}).")
  SegmentationTypeChoice type;

  @Option(names = "--labelmap-above", defaultValue = "" + SegmentationTypeChoice.DEFAULT_LABELMAP_ABOVE,
      description = "With --type auto, write LABELMAP when there are more segments than this (default: ${DEFAULT-VALUE}).")
  int labelMapAbove;

  @Option(names = "--uncompressed", description = "Write LABELMAP pixel data uncompressed instead of RLE Lossless.")
  boolean uncompressed;

  @Option(names = "--fallback-code", description = "SCHEME,CODE,MEANING type code for labels the terminology lacks.")
  String fallbackCode;

  @Option(names = "--algorithm-type", required = true, description = "Who made the label map: manual (a person), "
      + "semiautomatic (a person with a tool, named by --algorithm) or automatic (a model, with --algorithm and "
      + "--algorithm-version).")
  SegmentAlgorithmType algorithmType;

  @Option(names = "--algorithm", defaultValue = "", description = "Name of the algorithm or tool that made the label "
      + "map (required unless manual).")
  String algorithm;

  @Option(names = "--algorithm-version", defaultValue = "", description = "Its version (required for automatic).")
  String algorithmVersion;

  @Option(names = "--creator", defaultValue = "", description = "Content Creator's Name, Family^Given (default: "
      + "empty, or ctpipe^automatic for automatic).")
  String creator;

  @Override
  public Integer call() throws Exception {
    // every setting is checked before any file is read
    CodedConcept fallback = fallback();
    SegSeriesInfo info = seriesInfo();
    DicomReader reader = new DicomReader();
    CtVolume ct = new VolumeAssembler(reader).assemble(selectSeries(new SeriesScanner(reader).scan(source)));
    LabelMap map = LabelMapFiles.onGrid(LabelMapFiles.read(labelMap), ct);
    List<SegmentDescription> segments = labels != null
        ? SegmentDescriptions.read(labels, Terminology.wholeBodyCt(), fallback) : builtIn(map, fallback);
    SegmentationType chosen = type.resolve(segments.size(), labelMapAbove);
    SegWriter.Seg seg = SegWriter.build(ct, map, segments, info, chosen, !uncompressed);
    seg.write(out);
    spec.commandLine().getOut().printf("wrote %s SEG with %d segment(s) and %d frame(s) to %s%n", chosen,
        segments.size(), seg.frames(), out);
    return 0;
  }

  /** Who made the label map, refused when --algorithm-type lacks what it needs. */
  private SegSeriesInfo seriesInfo() {
    try {
      String name = creator.isBlank() && algorithmType == SegmentAlgorithmType.AUTOMATIC ? "ctpipe^automatic"
          : creator;
      return SegSeriesInfo.forLabelMap(algorithmType, algorithm.trim(), algorithmVersion.trim(), name,
          labelMap.getFileName().toString(), new VersionProvider().getVersion()[0], LocalDateTime.now());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--algorithm-type " + algorithmType.name()
          .toLowerCase(java.util.Locale.ROOT) + ": " + e.getMessage());
    }
  }

  private CtSeries selectSeries(SeriesScanner.Result scan) {
    List<CtSeries> series = scan.series();
    if (seriesUid != null) {
      return series.stream().filter(s -> s.seriesInstanceUid().equals(seriesUid)).findFirst().orElseThrow(() ->
          new CommandLine.ParameterException(spec.commandLine(), "no series " + seriesUid + " in " + source));
    }
    if (series.size() != 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), source + " holds " + series.size()
          + " series; choose one with --series: " + series.stream().map(CtSeries::seriesInstanceUid).toList());
    }
    return series.get(0);
  }

  private CodedConcept fallback() {
    if (fallbackCode == null) {
      return null;
    }
    String[] parts = fallbackCode.split(",", 3);
    if (parts.length != 3) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--fallback-code needs SCHEME,CODE,MEANING, got '" + fallbackCode + "'");
    }
    return new CodedConcept(parts[0].trim(), parts[1].trim(), parts[2].trim());
  }

  private static List<SegmentDescription> builtIn(LabelMap map, CodedConcept fallback) throws Exception {
    Terminology terminology = Terminology.wholeBodyCt();
    List<SegmentDescription> out = new ArrayList<>();
    for (int value : map.presentLabels()) {
      String name = terminology.entries().stream().filter(d -> d.labelValue() == value).map(SegmentDescription::label)
          .findFirst().orElse("label_" + value);
      out.add(terminology.describe(value, name, fallback));
    }
    return out;
  }
}
