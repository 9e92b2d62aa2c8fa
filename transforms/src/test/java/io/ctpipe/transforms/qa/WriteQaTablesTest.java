package io.ctpipe.transforms.qa;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.ctpipe.transforms.manifest.ManifestProblem;
import io.ctpipe.transforms.result.DeadLetter;
import io.ctpipe.transforms.result.ResultRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** WriteQaTables writes Avro files per table and run, at least one per table (empty tables too). */
public class WriteQaTablesTest {
  @Rule
  public final transient TestPipeline pipeline = TestPipeline.create();

  @Rule
  public final TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void tablesAreFilesPerRun() throws Exception {
    Path qa = folder.newFolder("qa").toPath();
    GenericRecord dead = ResultRows.deadLetter("r7", DeadLetter.manifest(
        new ManifestProblem("m.txt", 3, "x y", "bad line"), Instant.parse("2026-11-26T00:00:00Z")));
    Map<QaTable, PCollection<GenericRecord>> tables = new EnumMap<>(QaTable.class);
    for (QaTable table : QaTable.values()) {
      List<GenericRecord> rows = table == QaTable.DEAD_LETTERS ? List.of(dead) : List.of();
      tables.put(table, pipeline.apply("Rows_" + table.tableName(), Create.of(rows)
          .withCoder(AvroCoder.of(table.schema()))));
    }
    pipeline.apply(new WriteQaTables(tables, QaFormat.AVRO, qa.toString(), "r7"));
    pipeline.run().waitUntilFinish();

    for (QaTable table : QaTable.values()) {
      List<Path> files;
      try (Stream<Path> listed = Files.list(qa.resolve(table.tableName()))) {
        files = listed.toList();
      }
      assertFalse(table.tableName(), files.isEmpty());
      int rows = 0;
      for (Path file : files) {
        assertTrue(file.toString(), file.getFileName().toString().matches(table.tableName()
            + "-r7-[0-9]{5}-of-[0-9]{5}\\.avro"));
        try (DataFileReader<GenericRecord> reader = new DataFileReader<>(file.toFile(),
            new GenericDatumReader<>())) {
          for (GenericRecord r : reader) {
            assertEquals("m.txt:3", r.get("origin").toString());
            rows++;
          }
        }
      }
      assertEquals(table.tableName(), table == QaTable.DEAD_LETTERS ? 1 : 0, rows);
    }
    try (Stream<Path> files = Files.list(qa)) {
      assertEquals(4, files.count());
    }
  }
}
