package io.ctpipe.transforms.process;

import io.ctpipe.dicom.phantom.PhantomSeriesWriter;
import io.ctpipe.dicom.phantom.PhantomSpec;
import io.ctpipe.dicom.seg.SegmentationTypeChoice;
import io.ctpipe.models.runtime.InferenceOverrides;
import io.ctpipe.transforms.fetch.FetchConfig;
import io.ctpipe.transforms.manifest.SeriesRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A small test cohort on disk: two phantom CT series, a folder with no DICOM, and a folder that does not exist. */
final class Cohort {
  final Path root;
  final List<SeriesRef> refs;
  final List<PhantomSeriesWriter.Written> series;

  Cohort(Path root) throws IOException {
    this.root = root;
    PhantomSeriesWriter.Written a = PhantomSeriesWriter.write(PhantomSpec.of(new int[] {64, 56, 30},
        new double[] {6, 6, 8}, 11), root.resolve("ct-a"));
    PhantomSeriesWriter.Written b = PhantomSeriesWriter.write(PhantomSpec.of(new int[] {48, 48, 20},
        new double[] {8, 8, 10}, 12), root.resolve("ct-b"));
    Files.createDirectories(root.resolve("broken"));
    Files.writeString(root.resolve("broken/readme.txt"), "this folder holds no DICOM");
    series = List.of(a, b);
    refs = List.of(ref("ct-a", 1), ref("ct-b", 2), ref("broken", 3), ref("missing", 4));
  }

  private SeriesRef ref(String folder, int line) {
    String location = root.resolve(folder).toString();
    return SeriesRef.files("location:" + location, location, null, null, null, "cohort.txt:" + line);
  }

  /** tissue-ct and the BPR replica, built-in; 1 thread; SEGs below {@code output}; automatic memory limit. */
  static ProcessingConfig config(Path output, boolean skipExisting) {
    return config(output, "test-run", skipExisting, false, 0);
  }

  static ProcessingConfig config(Path output, String runId, boolean skipExisting, boolean retryFailed,
      long maxSeriesMemory) {
    return new ProcessingConfig(output.toString(), "zoo:bpr-vgg16", List.of("zoo:tissue-ct"),
        InferenceOverrides.cardDefaults(1), null, SegmentationTypeChoice.AUTO, runId, "2026-11-26T12:00:00",
        skipExisting, retryFailed, null, "ctpipe test", FetchConfig.defaults(), maxSeriesMemory,
        ProcessingConfig.DEFAULT_MAX_WORKER_DEATHS, Map.of(), null);
  }
}
