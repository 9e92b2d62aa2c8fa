package io.ctpipe.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows whose SeriesInstanceUID is a path: no page is written for them, anywhere; the rest of the report is. */
class HostileReportRowsTest {
  @TempDir
  Path dir;

  @Test
  void aSeriesUidThatIsAPathGetsNoPageAndTheReportGoesOn() throws Exception {
    Path outside = dir.resolve("outside");
    Path qa = dir.resolve("qa/series_qa");
    Files.createDirectories(qa);
    String row = "{\"run_id\":\"r1\",\"series_instance_uid\":\"%s\",\"origin\":\"m.txt:%d\",\"columns\":8,"
        + "\"rows\":8,\"slices\":8,\"geometry_flags\":[],\"models\":[{\"model_id\":\"m\",\"status\":\"ok\","
        + "\"labels_found\":1,\"untrained\":false}],\"decode_ms\":10}";
    Files.write(qa.resolve("series_qa-r1-00000-of-00001.json"), List.of(
        String.format(row, outside.resolve("evil").toAbsolutePath(), 1), String.format(row, "1.2.3", 2)));

    Path index = ReportWriter.write(QaRun.read(dir.resolve("qa"), null), dir.resolve("report"));

    assertFalse(Files.exists(outside), "nothing is written outside the report folder");
    assertTrue(Files.isRegularFile(dir.resolve("report/series/1.2.3.html")));
    try (Stream<Path> pages = Files.list(dir.resolve("report/series"))) {
      assertEquals(List.of("1.2.3.html"), pages.map(p -> p.getFileName().toString()).toList());
    }
    String html = Files.readString(index);
    assertTrue(html.contains(outside.resolve("evil").toAbsolutePath() + " <span class=\"bad\">(not a DICOM UID: no "
        + "page)</span>"), html);
  }
}
