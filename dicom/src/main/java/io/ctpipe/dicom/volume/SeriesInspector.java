package io.ctpipe.dicom.volume;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scans a file or folder, assembles every series it finds and summarises each (the {@code inspect} job). A series
 * with a file that cannot be read whole is rejected (its summary says why), that file is listed with the skipped
 * ones, and the other series are still assembled.
 */
public final class SeriesInspector {
  /** Summaries in order of first appearance, and the files skipped with why. */
  public record Inspection(List<SeriesSummary> series, Map<String, String> skipped) {}

  private final SeriesScanner scanner;
  private final VolumeAssembler assembler;

  public SeriesInspector(SeriesScanner scanner, VolumeAssembler assembler) {
    this.scanner = scanner;
    this.assembler = assembler;
  }

  public Inspection inspect(Path path) throws IOException {
    SeriesScanner.Result scan = scanner.scan(path);
    Map<String, String> skipped = new LinkedHashMap<>(scan.skipped());
    List<SeriesSummary> out = new ArrayList<>();
    for (CtSeries series : scan.series()) {
      long start = System.nanoTime();
      try {
        CtVolume volume = assembler.assemble(series);
        out.add(SeriesSummary.of(volume, (System.nanoTime() - start) / 1_000_000));
      } catch (SeriesRejectedException e) {
        out.add(SeriesSummary.rejected(series, e, (System.nanoTime() - start) / 1_000_000));
        if (e instanceof UnreadableSliceException unreadable) {
          skipped.put(unreadable.file(), "its series " + series.seriesInstanceUid() + " is rejected: "
              + e.getMessage());
        }
      }
    }
    return new Inspection(out, skipped);
  }
}
