package io.ctpipe.transforms.read;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.ctpipe.transforms.manifest.ManifestOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** ReadManifests on two manifests naming one series twice and holding malformed lines. */
public class ReadManifestsTest {
  @Rule
  public final transient TestPipeline pipeline = TestPipeline.create();

  @Rule
  public final TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void deduplicatesSeriesAndReportsBadLinesWithTheirNumbers() throws Exception {
    Path dir = folder.getRoot().toPath();
    Files.writeString(dir.resolve("a.s5cmd"), "# header\ncp s3://idc-open-data/11111111-2222-4333-8444-555555555555/* .\n"
        + "cp s3://idc-open-data/66666666-2222-4333-8444-555555555555/* .\nrm everything\n");
    Files.writeString(dir.resolve("b.txt"), "gs://idc-open-data/11111111-2222-4333-8444-555555555555/\n"
        + "https://example.org/studies/1.2.3\n");
    String root = dir + "/";
    PCollectionTuple out = pipeline.apply(new ReadManifests(List.of(dir + "/*.s5cmd", dir + "/*.txt"), null,
        ManifestOptions.defaults(), "run-1"));
    PAssert.that(out.get(ReadManifests.SERIES)).satisfies(refs -> {
      List<String> found = new ArrayList<>();
      refs.forEach(r -> found.add(r.key() + " " + r.location() + " " + r.origin().replace(root, "")));
      found.sort(null);
      assertEquals(List.of("crdc:11111111-2222-4333-8444-555555555555 gs://idc-open-data/"
          + "11111111-2222-4333-8444-555555555555/ a.s5cmd:2", "crdc:66666666-2222-4333-8444-555555555555 "
          + "gs://idc-open-data/66666666-2222-4333-8444-555555555555/ a.s5cmd:3"), found);
      return null;
    });
    PAssert.that(out.get(ReadManifests.DEAD_LETTERS)).satisfies(rows -> {
      List<GenericRecord> list = StreamSupport.stream(rows.spliterator(), false).toList();
      assertEquals(2, list.size());
      for (GenericRecord r : list) {
        assertEquals("manifest", r.get("stage").toString());
        assertEquals(false, r.get("retryable"));
        String origin = r.get("origin").toString();
        String message = r.get("message").toString();
        assertTrue(origin + " " + message, origin.endsWith("a.s5cmd:4")
            && message.equals("not an s5cmd 'cp SOURCE DESTINATION' line: rm everything")
            || origin.endsWith("b.txt:2") && message.startsWith("a DICOMweb study URL"));
      }
      return null;
    });
    pipeline.run().waitUntilFinish();
  }
}
