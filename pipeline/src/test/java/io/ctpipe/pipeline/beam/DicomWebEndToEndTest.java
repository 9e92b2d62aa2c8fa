package io.ctpipe.pipeline.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctpipe.dicom.phantom.PhantomSeriesWriter;
import io.ctpipe.dicom.testing.Dciodvfy;
import io.ctpipe.dicom.testing.OrthancServer;
import io.ctpipe.dicom.web.DicomWebClient;
import io.ctpipe.transforms.qa.QaTable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DICOMweb in and out against a real Orthanc with its DICOMweb plugin: series fetched with QIDO-RS and WADO-RS
 * (one through a proxy that first answers 503 twice), SEGs stored back with STOW-RS and found again with QIDO-RS; a
 * series the store does not have becomes a permanent dead letter while the others complete.
 */
class DicomWebEndToEndTest {
  @TempDir
  Path dir;

  @Test
  void fetchFromOrthancRetryTransientFaultsAndStoreSegsBack() throws Exception {
    PhantomSeriesWriter.Written a = PipelineRuns.phantom(dir.resolve("a"), new int[] {48, 48, 16},
        new double[] {8, 8, 10}, 21);
    PhantomSeriesWriter.Written b = PipelineRuns.phantom(dir.resolve("b"), new int[] {40, 40, 12},
        new double[] {9, 9, 10}, 22);
    try (OrthancServer orthanc = OrthancServer.start()) {
      DicomWebClient client = new DicomWebClient(orthanc.dicomWeb(), Duration.ofSeconds(30), 1 << 30, null);
      for (Path folder : List.of(dir.resolve("a"), dir.resolve("b"))) {
        client.store(instances(folder));
      }
      URI web = orthanc.dicomWeb();
      try (FaultyProxy proxy = new FaultyProxy(URI.create(web.getScheme() + "://" + web.getAuthority()),
          a.seriesInstanceUid(), 2)) {
        String base = proxy.base(web.getPath());
        Path manifest = dir.resolve("web.txt");
        Files.write(manifest, List.of(base + "/studies/" + a.studyInstanceUid() + "/series/" + a.seriesInstanceUid(),
            web + "/studies/" + b.studyInstanceUid() + "/series/" + b.seriesInstanceUid(),
            web + "/studies/1.2.3/series/1.2.3.4"));
        PipelineRuns.Run run = PipelineRuns.run("--manifest=" + manifest, "--output=" + dir.resolve("out"),
            "--stowUrl=" + web, "--initialBackoffMillis=20");
        assertEquals(2, proxy.failedRequests(), "the proxy answered 503 twice");
        assertEquals(2, run.summary().count("series-complete"));

        Map<String, JsonNode> rows = run.rows(QaTable.SERIES_QA).stream()
            .collect(Collectors.toMap(r -> r.get("series_instance_uid").asText(), r -> r));
        assertEquals(2, rows.get(a.seriesInstanceUid()).get("fetch_retries").asInt());
        assertEquals(0, rows.get(b.seriesInstanceUid()).get("fetch_retries").asInt());
        assertEquals(16, rows.get(a.seriesInstanceUid()).get("instance_count").asInt());
        JsonNode dead = run.rows(QaTable.DEAD_LETTERS).get(0);
        assertEquals("fetch", dead.get("stage").asText());
        assertFalse(dead.get("retryable").asBoolean());
        assertEquals("the DICOMweb store has no instances of series 1.2.3.4", dead.get("message").asText());

        for (PhantomSeriesWriter.Written s : List.of(a, b)) {
          JsonNode model = rows.get(s.seriesInstanceUid()).get("models").get(0);
          String segSeries = model.get("seg_series_instance_uid").asText();
          assertEquals(List.of(model.get("seg_sop_instance_uid").asText()), client.searchInstances(
              s.studyInstanceUid(), segSeries), "QIDO-RS finds the stored SEG");
          Dciodvfy.assertValid(Path.of(model.get("seg_path").asText()));
        }
      }
    }
  }

  private static List<byte[]> instances(Path folder) throws Exception {
    List<byte[]> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.sorted().toList()) {
        out.add(Files.readAllBytes(f));
      }
    }
    assertTrue(out.size() > 0);
    return out;
  }
}
