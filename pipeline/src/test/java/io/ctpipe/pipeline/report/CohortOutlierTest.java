package io.ctpipe.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cohort (QA tables as JSON lines) in which one series' liver is far larger than the others'. */
class CohortOutlierTest {
  @TempDir
  Path dir;

  private void write(String table, List<String> lines) throws IOException {
    Files.createDirectories(dir.resolve("qa").resolve(table));
    Files.write(dir.resolve("qa").resolve(table).resolve(table + "-r1-00000-of-00001.json"), lines);
  }

  private void cohort(double[] liverMl) throws IOException {
    List<String> series = new ArrayList<>();
    List<String> stats = new ArrayList<>();
    for (int i = 0; i < liverMl.length; i++) {
      series.add(String.format(Locale.ROOT, "{\"run_id\":\"r1\",\"series_instance_uid\":\"1.2.%d\",\"origin\":"
          + "\"m.txt:%d\",\"columns\":512,\"rows\":512,\"slices\":300,\"geometry_flags\":[],\"models\":[{\"model_id\":"
          + "\"liver-model\",\"status\":\"ok\",\"labels_found\":1,\"untrained\":false}],\"decode_ms\":1000}", i,
          i + 1));
      stats.add(String.format(Locale.ROOT, "{\"run_id\":\"r1\",\"series_instance_uid\":\"1.2.%d\",\"model_id\":"
          + "\"liver-model\",\"label\":\"liver\",\"volume_ml\":%.1f}", i, liverMl[i]));
    }
    write("series_qa", series);
    write("segment_stats", stats);
  }

  @Test
  void theOutlierSeriesIsFlaggedAndOnlyIt() throws Exception {
    cohort(new double[] {1500, 1520, 1480, 1510, 1490, 1530, 4100});
    Path index = ReportWriter.write(QaRun.read(dir.resolve("qa"), null), dir.resolve("report"));
    String html = Files.readString(index);
    int table = html.indexOf("<th>outlier series</th>");
    assertTrue(table > 0, html);
    String outliers = html.substring(table, html.indexOf("</table>", table));
    assertTrue(outliers.contains("1.2.6") && outliers.contains("4100.0"), outliers);
    assertFalse(outliers.contains("1.2.5"), outliers);
    assertTrue(html.contains("(outlier)"), "the chart marks it too");
    assertTrue(Files.readString(dir.resolve("report/series/1.2.6.html")).contains("No overlay: the SEG or the CT is "
        + "not on this machine (no SEG)"));
  }

  @Test
  void anEvenCohortHasNoOutlier() throws Exception {
    cohort(new double[] {1500, 1520, 1480, 1510, 1490});
    String html = Files.readString(ReportWriter.write(QaRun.read(dir.resolve("qa"), null), dir.resolve("report")));
    assertTrue(html.contains("No outlier series."), html);
  }

  @Test
  void robustZIgnoresTheOutlierWhenScaling() {
    double[] z = RobustZ.of(new double[] {10, 11, 9, 10, 100});
    assertEquals(0.0, z[0], 1e-9);
    assertTrue(RobustZ.outlier(z[4]) && !RobustZ.outlier(z[1]), java.util.Arrays.toString(z));
    assertTrue(Double.isNaN(RobustZ.of(new double[] {1, 2, 50})[2]), "fewer than 4 series are not judged");
  }

  @Test
  void aMissingFolderOrRunIsExplained() throws Exception {
    IOException none = assertThrows(IOException.class, () -> QaRun.read(dir.resolve("nope"), null));
    assertTrue(none.getMessage().startsWith("no QA folder at "), none.getMessage());
    cohort(new double[] {1, 2, 3, 4});
    IOException run = assertThrows(IOException.class, () -> QaRun.read(dir.resolve("qa"), "r9"));
    assertEquals("no rows of run r9 below " + dir.resolve("qa") + "; runs found: [r1]", run.getMessage());
  }
}
