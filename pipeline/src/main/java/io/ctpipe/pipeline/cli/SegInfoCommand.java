package io.ctpipe.pipeline.cli;

import io.ctpipe.dicom.DicomReader;
import io.ctpipe.dicom.seg.CodedConcept;
import io.ctpipe.dicom.seg.SegReader;
import io.ctpipe.dicom.seg.SegmentInfo;
import io.ctpipe.dicom.seg.Segmentation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Describes a DICOM Segmentation: type, frames, segments and their voxel counts. */
@Command(name = "seg-info", mixinStandardHelpOptions = true,
    description = "Describe a DICOM SEG (BINARY, FRACTIONAL or LABELMAP): frames, referenced series, segments with "
        + "codes and set pixels.")
final class SegInfoCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "The SEG file.")
  Path file;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  /** The documented JSON shape. */
  record Info(String sopClassUid, String segmentationType, int frames, int rows, int columns,
      String referencedSeriesInstanceUid, List<Segment> segments, List<String> warnings) {}

  /** One segment in the JSON output. */
  record Segment(int number, String label, Map<String, String> category, Map<String, String> type, long voxels) {}

  @Override
  public Integer call() throws Exception {
    Segmentation seg = SegReader.read(new DicomReader().read(file));
    Map<Integer, Long> voxels = seg.voxelCounts();
    List<Segment> segments = new ArrayList<>();
    for (SegmentInfo s : seg.segments()) {
      segments.add(new Segment(s.number(), s.label(), code(s.category()), code(s.type()),
          voxels.getOrDefault(s.number(), 0L)));
    }
    Info info = new Info(seg.sopClassUid(), seg.type().name(), seg.frames().size(), seg.rows(), seg.columns(),
        seg.referencedSeriesInstanceUid(), segments, seg.warnings());
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(IndentedJson.MAPPER.writeValueAsString(info));
      return 0;
    }
    out.printf("%s SEG, %d frame(s) of %dx%d, SOP class %s%n", info.segmentationType(), info.frames(),
        info.columns(), info.rows(), info.sopClassUid());
    out.println("referenced series " + info.referencedSeriesInstanceUid());
    info.warnings().forEach(w -> out.println("warning: " + w));
    for (Segment s : segments) {
      out.printf("  %3d  %-28s %-40s %10d voxels%n", s.number(), s.label(),
          s.type() == null ? "" : s.type().get("meaning") + " (" + s.type().get("scheme") + " " + s.type().get("code")
              + ")", s.voxels());
    }
    return 0;
  }

  private static Map<String, String> code(CodedConcept c) {
    if (c == null) {
      return null;
    }
    Map<String, String> m = new LinkedHashMap<>();
    m.put("scheme", c.scheme());
    m.put("code", c.code());
    m.put("meaning", c.meaning());
    return m;
  }
}
