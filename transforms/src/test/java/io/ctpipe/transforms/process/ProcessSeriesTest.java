package io.ctpipe.transforms.process;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.ctpipe.dicom.testing.Dciodvfy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import io.ctpipe.transforms.manifest.SeriesRef;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** ProcessSeries on two phantom series and two bad inputs, asserting every output tag and the committed results. */
public class ProcessSeriesTest {
  @Rule
  public final transient TestPipeline pipeline = TestPipeline.create();

  @Rule
  public final TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void goodSeriesGiveRowsAndSegsBadOnesDeadLettersWithTheirStage() throws Exception {
    Cohort cohort = new Cohort(folder.newFolder("cohort").toPath());
    Path output = folder.newFolder("out").toPath();
    String brokenFolder = cohort.root.resolve("broken").toString();
    PCollectionTuple out = pipeline.apply(Create.of(cohort.refs).withCoder(SerializableCoder.of(SeriesRef.class)))
        .apply(new ProcessSeries(Cohort.config(output, false)));

    PAssert.that(out.get(ProcessSeries.SERIES_QA)).satisfies(rows -> {
      List<GenericRecord> list = StreamSupport.stream(rows.spliterator(), false).toList();
      assertEquals(2, list.size());
      for (GenericRecord row : list) {
        assertEquals("CT", row.get("modality").toString());
        GenericRecord bpr = (GenericRecord) row.get("bpr");
        assertEquals("ok", bpr.get("status").toString());
        assertEquals(true, bpr.get("untrained"));
        GenericRecord model = (GenericRecord) ((List<?>) row.get("models")).get(0);
        assertEquals("tissue-ct", model.get("model_id").toString());
        assertEquals("ok", model.get("status").toString());
        assertEquals(4, model.get("labels_found"));
        assertTrue(model.get("seg_path").toString(),
            model.get("seg_path").toString().matches(".*/tissue-ct-[0-9a-f]{8}\\.seg\\.dcm"));
      }
      return null;
    });
    PAssert.that(out.get(ProcessSeries.DEAD_LETTERS)).satisfies(rows -> {
      Map<String, GenericRecord> byOrigin = StreamSupport.stream(rows.spliterator(), false)
          .collect(Collectors.toMap(r -> r.get("origin").toString(), r -> r));
      assertEquals(2, byOrigin.size());
      GenericRecord broken = byOrigin.get("cohort.txt:3");
      assertEquals("decode", broken.get("stage").toString());
      assertEquals(brokenFolder + " holds 0 image series; expected exactly one; skipped 1 file(s): readme.txt: not a "
          + "DICOM file: no 'DICM' prefix at byte 128 and the first bytes (group 0x6874) do not start a data set",
          broken.get("message").toString());
      assertFalse((Boolean) broken.get("retryable"));
      GenericRecord missing = byOrigin.get("cohort.txt:4");
      assertEquals("fetch", missing.get("stage").toString());
      assertTrue(missing.get("message").toString(), missing.get("message").toString().startsWith("no files below "));
      assertNull(missing.get("series_instance_uid"));
      assertFalse((Boolean) missing.get("retryable"));
      return null;
    });
    PAssert.that(out.get(ProcessSeries.SLICE_QA).apply("CountSlices", Count.globally())).containsInAnyOrder(50L);
    PAssert.that(out.get(ProcessSeries.SEGMENT_STATS)).satisfies(rows -> {
      long lungs = StreamSupport.stream(rows.spliterator(), false)
          .filter(r -> r.get("label").toString().equals("lung")).count();
      assertEquals(2, lungs);
      return null;
    });
    pipeline.run().waitUntilFinish();

    // every series is settled (two phantoms, two permanent failures) and committed; nothing half-written is left
    Path results = output.resolve("_ctpipe/series");
    try (var files = Files.walk(results)) {
      List<String> names = files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
      assertEquals(names.toString(), 4, names.stream().filter(n -> n.endsWith(".avro")).count());
      assertEquals(names.toString(), 0, names.stream().filter(n -> n.contains(".attempt-")).count());
    }
    try (var temporary = Files.list(output.resolve("_ctpipe/tmp"))) {
      assertEquals(0, temporary.count());
    }

    String configuration = RunConfiguration.resolve(Cohort.config(output, false)).hash();
    for (var written : cohort.series) {
      Path seg = Path.of(OutputFiles.segPath(output.toString(), written.studyInstanceUid(),
          written.seriesInstanceUid(), "tissue-ct", configuration));
      assertTrue(seg + " written", Files.isRegularFile(seg));
      Dciodvfy.assertValid(seg);
    }
  }
}
