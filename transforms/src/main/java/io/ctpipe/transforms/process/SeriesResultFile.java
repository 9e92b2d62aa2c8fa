package io.ctpipe.transforms.process;

import io.ctpipe.transforms.qa.QaTable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;

/**
 * One series' durable result as an Avro container file holding a single record: the series key and its rows of
 * every QA table, in the tables' own schemas (so the cohort tables are assembled from these files unchanged).
 */
public final class SeriesResultFile {
  /** A result file is rows of one series; anything larger is not one of ours. */
  public static final int MAX_BYTES = 64 << 20;
  private static final Schema SCHEMA = schema();

  private SeriesResultFile() {}

  private static Schema schema() {
    List<Schema.Field> fields = new ArrayList<>();
    fields.add(new Schema.Field("series_key", Schema.create(Schema.Type.STRING)));
    for (QaTable table : QaTable.values()) {
      fields.add(new Schema.Field(table.tableName(), Schema.createArray(table.schema())));
    }
    return Schema.createRecord("SeriesResult", "one series' rows of every QA table", "io.ctpipe.results", false,
        fields);
  }

  public static byte[] encode(String seriesKey, SeriesOutcome outcome) throws IOException {
    GenericRecord record = new GenericRecordBuilder(SCHEMA).set("series_key", seriesKey)
        .set(QaTable.SERIES_QA.tableName(), outcome.seriesRow() == null ? List.of() : List.of(outcome.seriesRow()))
        .set(QaTable.SLICE_QA.tableName(), outcome.sliceRows())
        .set(QaTable.SEGMENT_STATS.tableName(), outcome.segmentRows())
        .set(QaTable.DEAD_LETTERS.tableName(), outcome.deadLetters()).build();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<>(SCHEMA))) {
      writer.create(SCHEMA, bytes);
      writer.append(record);
    }
    return bytes.toByteArray();
  }

  /**
   * Reads a result back, its rows re-labelled with {@code runId} (they belong to that run's cohort tables now).
   *
   * @throws IOException when the bytes are not one result of {@code seriesKey}
   */
  public static SeriesOutcome decode(byte[] bytes, String seriesKey, String runId) throws IOException {
    GenericRecord record = null;
    try (DataFileStream<GenericRecord> in = new DataFileStream<>(new ByteArrayInputStream(bytes),
        new GenericDatumReader<>(SCHEMA))) {
      if (in.hasNext()) {
        record = in.next();
      }
    } catch (IOException | AvroRuntimeException e) {
      throw new IOException("the result file of series " + seriesKey + " is not readable: " + e.getMessage(), e);
    }
    if (record == null) {
      throw new IOException("the result file of series " + seriesKey + " holds no record");
    }
    if (!seriesKey.equals(String.valueOf(record.get("series_key")))) {
      throw new IOException("the result file of series " + seriesKey + " belongs to series "
          + record.get("series_key"));
    }
    List<GenericRecord> series = rows(record, QaTable.SERIES_QA, runId);
    if (series.size() > 1) {
      throw new IOException("the result file of series " + seriesKey + " holds " + series.size()
          + " series_qa rows");
    }
    return new SeriesOutcome(series.isEmpty() ? null : series.get(0), rows(record, QaTable.SLICE_QA, runId),
        rows(record, QaTable.SEGMENT_STATS, runId), rows(record, QaTable.DEAD_LETTERS, runId), true);
  }

  private static List<GenericRecord> rows(GenericRecord record, QaTable table, String runId) {
    List<GenericRecord> rows = new ArrayList<>();
    for (Object row : (GenericData.Array<?>) record.get(table.tableName())) {
      GenericRecord r = (GenericRecord) row;
      r.put("run_id", runId);
      rows.add(r);
    }
    return rows;
  }
}
