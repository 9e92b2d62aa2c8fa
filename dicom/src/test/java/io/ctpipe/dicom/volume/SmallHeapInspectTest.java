package io.ctpipe.dicom.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.dicom.DicomReader;
import io.ctpipe.dicom.phantom.PhantomSeriesWriter;
import io.ctpipe.dicom.phantom.PhantomSpec;
import io.ctpipe.dicom.testing.HostileDicom;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inspect job over a folder of hostile files in a JVM of 256 MB heap, as {@code ctpipe inspect} runs on a small
 * worker: the deflate bomb (300 MiB from 300 KB) and the element bomb (2,000,000 empty elements) are refused with
 * their reasons, and the good series is still assembled, instead of the JVM running out of memory.
 */
class SmallHeapInspectTest {
  @TempDir
  Path dir;

  /** Runs the inspect job on its argument and prints each summary's flags and each skipped file. */
  public static final class Probe {
    public static void main(String[] args) throws IOException {
      DicomReader reader = new DicomReader();
      SeriesInspector.Inspection inspection = new SeriesInspector(new SeriesScanner(reader),
          new VolumeAssembler(reader, false, Integer.MAX_VALUE - 16)).inspect(Path.of(args[0]));
      for (SeriesSummary s : inspection.series()) {
        System.out.println("series " + (s.assembled() ? "assembled" : "rejected") + " " + s.flags());
      }
      inspection.skipped().forEach((file, why) -> System.out.println("skipped " + file + ": " + why));
    }
  }

  @Test
  void hostileFilesAreRefusedWithinA256MbHeap() throws Exception {
    PhantomSeriesWriter.write(PhantomSpec.of(new int[] {16, 16, 3}, new double[] {1, 1, 1}, 1), dir.resolve("good"));
    Path donor = dir.resolve("donor");
    PhantomSeriesWriter.write(PhantomSpec.of(new int[] {16, 16, 1}, new double[] {1, 1, 1}, 2), donor);
    Path slice;
    try (Stream<Path> files = Files.list(donor)) {
      slice = files.findFirst().orElseThrow();
    }
    Path hostile = Files.createDirectories(dir.resolve("hostile"));
    HostileDicom.deflateBomb(slice, hostile.resolve("trailing-bomb.dcm"), 300L << 20, false);
    HostileDicom.deflateBomb(slice, hostile.resolve("header-bomb.dcm"), 300L << 20, true);
    Files.write(hostile.resolve("elements.dcm"), HostileDicom.elementBomb(2_000_000));
    Files.move(dir.resolve("good"), hostile.resolve("good"));

    Path log = dir.resolve("probe.log");
    Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), Probe.class.getName(), hostile.toString()))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the probe finishes");
    String out = Files.readString(log);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("series assembled []"), out);
    assertTrue(out.contains("series rejected [REJECTED(UNDECODABLE): " + hostile.resolve("trailing-bomb.dcm")
        + ": deflated data set of "), out);
    assertTrue(out.contains("skipped " + hostile.resolve("header-bomb.dcm") + ": " + hostile.resolve("header-bomb.dcm")
        + ": deflated data set of "), out);
    assertTrue(out.contains("refused as a possible deflate bomb"), out);
    assertTrue(out.contains("skipped " + hostile.resolve("elements.dcm") + ": " + hostile.resolve("elements.dcm")
        + ": a data set holds more than 10000 elements"), out);
    assertTrue(out.contains("skipped " + hostile.resolve("trailing-bomb.dcm") + ": its series "), out);
  }
}
