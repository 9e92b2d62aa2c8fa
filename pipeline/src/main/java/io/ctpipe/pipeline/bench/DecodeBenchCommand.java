package io.ctpipe.pipeline.bench;

import io.ctpipe.dicom.DicomReader;
import io.ctpipe.dicom.ReadBuffer;
import io.ctpipe.dicom.pixel.PixelData;
import io.ctpipe.dicom.volume.CtSeries;
import io.ctpipe.dicom.volume.CtVolume;
import io.ctpipe.dicom.volume.SeriesScanner;
import io.ctpipe.dicom.volume.VolumeAssembler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Times reading and decoding whole series to HU volumes on one thread, and the same files with pydicom and dcmtk
 * when they are installed.
 */
@Command(name = "decode", mixinStandardHelpOptions = true,
    description = "Decode every series below PATH to an HU volume on one thread; report the median of several "
        + "runs in MB/s (decoded 16-bit pixel bytes) and slices/s, next to pydicom and dcmtk on the same files. "
        + "Two ctpipe rows: the whole job (a new HU volume each run) and frames only (reused buffers, no volume), "
        + "which is the work dcmdump +W does.")
final class DecodeBenchCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", description = "A DICOM file or folder.")
  Path path;

  @Option(names = "--runs", defaultValue = "7", description = "Timed runs per series (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--warmup", defaultValue = "3", description = "Untimed runs first (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--no-compare", description = "Do not run pydicom and dcmtk.")
  boolean noCompare;

  @Override
  public Integer call() throws Exception {
    DicomReader reader = new DicomReader();
    SeriesScanner.Result scan = new SeriesScanner(reader).scan(path);
    VolumeAssembler assembler = new VolumeAssembler(reader, true, Integer.MAX_VALUE - 16);
    out().println("| series | transfer syntax | slices | decoder | median s | MB/s | slices/s |");
    out().println("|---|---|---|---|---|---|---|");
    for (CtSeries series : scan.series()) {
      List<String> files = series.slices().stream().map(s -> s.source()).distinct().toList();
      CtVolume volume = assembler.assemble(series);
      double megabytes = volume.voxelCount() * 2 / 1e6;
      int slices = volume.dims()[2];
      String name = shorten(series.seriesInstanceUid());
      String ts = String.join(" ", series.transferSyntaxUids());
      report(name, ts, slices, "ctpipe: files to HU volume", time(() -> assembler.assemble(series)), megabytes);
      report(name, ts, slices, "ctpipe: read, parse, decode frames", time(() -> decodeFrames(reader, files)),
          megabytes);
      if (!noCompare) {
        ExternalDecoders.pydicomSeconds(files, runs).ifPresent(s ->
            report(name, ts, slices, "pydicom " + ExternalDecoders.pydicomVersion(), s, megabytes));
        ExternalDecoders.dcmdumpSeconds(files, runs).ifPresent(s ->
            report(name, ts, slices, "dcmtk dcmdump +W (parse, write pixels)", s, megabytes));
      }
    }
    return 0;
  }

  private interface Job {
    void run() throws IOException;
  }

  /** Median seconds of the timed runs after the warm-up runs. */
  private double time(Job job) throws IOException {
    List<Long> nanos = new ArrayList<>();
    for (int i = 0; i < warmup + runs; i++) {
      long start = System.nanoTime();
      job.run();
      if (i >= warmup) {
        nanos.add(System.nanoTime() - start);
      }
    }
    return Statistics.median(nanos) / 1e9;
  }

  /** Reads each file into one reused buffer and decodes its frames into one reused array: no volume. */
  private static void decodeFrames(DicomReader reader, List<String> files) throws IOException {
    ReadBuffer buffer = new ReadBuffer();
    short[] frame = new short[0];
    for (String file : files) {
      PixelData pixels = PixelData.of(reader.read(Path.of(file), buffer));
      if (frame.length != pixels.format().pixelsPerFrame()) {
        frame = new short[pixels.format().pixelsPerFrame()];
      }
      for (int f = 0; f < pixels.frameCount(); f++) {
        pixels.decodeFrame(f, frame);
      }
    }
  }

  private void report(String series, String ts, int slices, String decoder, double seconds,
      double megabytes) {
    out().printf("| %s | %s | %d | %s | %.4f | %.0f | %.0f |%n", series, ts, slices, decoder, seconds,
        megabytes / seconds, slices / seconds);
  }

  private static String shorten(String uid) {
    return uid.length() > 24 ? "…" + uid.substring(uid.length() - 20) : uid;
  }

  private java.io.PrintWriter out() {
    return spec.commandLine().getOut();
  }
}
