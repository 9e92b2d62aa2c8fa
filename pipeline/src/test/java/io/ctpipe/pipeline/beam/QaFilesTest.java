package io.ctpipe.pipeline.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ctpipe.transforms.qa.QaFormat;
import io.ctpipe.transforms.qa.QaTable;
import io.ctpipe.transforms.qa.Stage;
import io.ctpipe.transforms.result.DeadLetter;
import io.ctpipe.transforms.result.RunResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Table files of runs before dead letters kept their input and stack trace read as results, Avro and NDJSON alike. */
class QaFilesTest {
  private static final Set<String> ADDED = Set.of("input", "stack_trace");
  private static final DeadLetter EXPECTED = new DeadLetter("uid:1.2.3", "1.2.3", "m.txt:4", null, Stage.DECODE,
      "java.io.IOException", "not DICOM", false, Instant.parse("2026-11-26T10:15:30.123456Z"), null);

  @TempDir
  Path qa;

  /** dead_letters as it was before the input and stack_trace columns. */
  private static Schema earlierDeadLetters() {
    Schema now = QaTable.DEAD_LETTERS.schema();
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : now.getFields()) {
      if (!ADDED.contains(f.name())) {
        fields.add(new Schema.Field(f, f.schema()));
      }
    }
    return Schema.createRecord(now.getName(), now.getDoc(), now.getNamespace(), false, fields);
  }

  private Path tableFile(String ext) throws Exception {
    Path folder = Files.createDirectories(qa.resolve("dead_letters"));
    return folder.resolve("dead_letters-r1-00000-of-00001." + ext);
  }

  @Test
  void anEarlierRunsAvroDeadLettersReadAsResults() throws Exception {
    Schema earlier = earlierDeadLetters();
    GenericRecord row = new GenericRecordBuilder(earlier).set("run_id", "r1").set("series_key", "uid:1.2.3")
        .set("series_instance_uid", "1.2.3").set("origin", "m.txt:4").set("stage", "decode")
        .set("error_class", "java.io.IOException").set("message", "not DICOM").set("retryable", false)
        .set("attempt_time", 1_795_688_130_123_456L).build();
    try (DataFileWriter<GenericRecord> out = new DataFileWriter<>(new GenericDatumWriter<>(earlier))) {
      out.create(earlier, tableFile("avro").toFile());
      out.append(row);
    }
    RunResults run = QaFiles.results(qa.toString(), "r1", QaFormat.AVRO, EnumSet.allOf(QaTable.class));
    assertEquals(List.of(EXPECTED), run.deadLetters());
    assertEquals(List.of(), run.series());
  }

  @Test
  void anEarlierRunsJsonDeadLettersReadAsResults() throws Exception {
    Files.writeString(tableFile("json"), "{\"run_id\":\"r1\",\"series_key\":\"uid:1.2.3\",\"series_instance_uid\":"
        + "\"1.2.3\",\"origin\":\"m.txt:4\",\"stage\":\"decode\",\"error_class\":\"java.io.IOException\",\"message\":"
        + "\"not DICOM\",\"retryable\":false,\"attempt_time\":\"2026-11-26 10:15:30.123456 UTC\"}\n");
    DeadLetter read = QaFiles.results(qa.toString(), "r1", QaFormat.JSON, EnumSet.of(QaTable.DEAD_LETTERS))
        .deadLetters().get(0);
    assertEquals(EXPECTED, read);
    assertNull(read.stackTrace());
  }
}
