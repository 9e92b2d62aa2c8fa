package io.ctpipe.pipeline.bench;

import io.ctpipe.dicom.DicomReader;
import io.ctpipe.dicom.phantom.PhantomSeriesWriter;
import io.ctpipe.dicom.phantom.PhantomSpec;
import io.ctpipe.dicom.seg.SegSeriesInfo;
import io.ctpipe.dicom.seg.SegWriter;
import io.ctpipe.dicom.seg.SegmentDescription;
import io.ctpipe.dicom.seg.SegmentationType;
import io.ctpipe.dicom.seg.Terminology;
import io.ctpipe.dicom.volume.CtVolume;
import io.ctpipe.dicom.volume.LabelMap;
import io.ctpipe.dicom.volume.SeriesScanner;
import io.ctpipe.dicom.volume.VolumeAssembler;
import io.ctpipe.pipeline.command.Converters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Times writing BINARY and LABELMAP SEGs of a dense many-label map. */
@Command(name = "seg", mixinStandardHelpOptions = true,
    description = "Write BINARY and LABELMAP SEGs for a dense label map on a synthetic CT (labels are wavy blocks "
        + "filling the body, each spanning many slices) and report build time, write time and file size.")
final class SegBenchCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--dims", converter = Converters.Dims.class, defaultValue = "512x512x400",
      description = "CT grid (default: ${DEFAULT-VALUE}).")
  Converters.IntTriple dims;

  @Option(names = "--labels", defaultValue = "117", description = "Number of labels, at most 117 (default: ${DEFAULT-VALUE}).")
  int labels;

  @Option(names = "--runs", defaultValue = "3", description = "Timed runs (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--work", description = "Folder for the phantom series and SEGs (default: a temporary folder).")
  Path work;

  @Override
  public Integer call() throws Exception {
    Path folder = work != null ? work : Files.createTempDirectory("ctpipe-bench-seg");
    int[] d = dims.values();
    PhantomSeriesWriter.write(PhantomSpec.of(d, new double[] {0.8, 0.8, 1.0}, 3), folder.resolve("ct"));
    DicomReader reader = new DicomReader();
    CtVolume ct = new VolumeAssembler(reader).assemble(new SeriesScanner(reader).scan(folder.resolve("ct"))
        .series().get(0));
    LabelMap map = denseLabels(ct, labels);
    List<SegmentDescription> segments = new ArrayList<>(Terminology.wholeBodyCt().entries().subList(0, labels));
    SegSeriesInfo info = SegSeriesInfo.forModel("bench", "1", "dense", "bench", LocalDateTime.of(2026, 1, 1, 0, 0));
    spec.commandLine().getOut().println("| type | frames | build s (median) | write s (median) | file MB |");
    spec.commandLine().getOut().println("|---|---|---|---|---|");
    for (SegmentationType type : List.of(SegmentationType.BINARY, SegmentationType.LABELMAP)) {
      List<Long> build = new ArrayList<>();
      List<Long> write = new ArrayList<>();
      Path file = folder.resolve(type + ".dcm");
      int frames = 0;
      for (int i = 0; i < runs; i++) {
        long t0 = System.nanoTime();
        SegWriter.Seg seg = SegWriter.build(ct, map, segments, info, type, true);
        long t1 = System.nanoTime();
        seg.write(file);
        long t2 = System.nanoTime();
        build.add(t1 - t0);
        write.add(t2 - t1);
        frames = seg.frames();
      }
      spec.commandLine().getOut().printf("| %s | %d | %.3f | %.3f | %.1f |%n", type, frames,
          Statistics.median(build) / 1e9, Statistics.median(write) / 1e9, Files.size(file) / 1e6);
    }
    return 0;
  }

  /** Body voxels (HU above -500) split into wavy blocks of a 5×5×5 grid; labels 1..n, the rest background. */
  private static LabelMap denseLabels(CtVolume ct, int n) {
    int[] d = ct.dims();
    LabelMap map = LabelMap.empty(d);
    int i = 0;
    for (int z = 0; z < d[2]; z++) {
      for (int y = 0; y < d[1]; y++) {
        for (int x = 0; x < d[0]; x++, i++) {
          if (ct.hu(i) < -500) {
            continue;
          }
          int bx = block(x + 8 * Math.sin(y * 0.05), d[0]);
          int by = block(y + 8 * Math.sin(z * 0.07), d[1]);
          int bz = block(z + 6 * Math.sin(x * 0.03), d[2]);
          int label = 1 + bx + 5 * (by + 5 * bz);
          map.set(i, label <= n ? label : 0);
        }
      }
    }
    return map;
  }

  private static int block(double coordinate, int size) {
    return (int) Math.max(0, Math.min(4, Math.floor(coordinate * 5 / size)));
  }
}
