package io.ctpipe.transforms.process;

import io.ctpipe.transforms.qa.QaTable;
import io.ctpipe.transforms.result.ResultRows;
import io.ctpipe.transforms.result.SeriesResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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
 * every QA table, in the tables' own schemas (so the cohort tables are assembled from these files unchanged). Files
 * written with earlier versions of the table schemas are read through Avro's schema resolution: a column added since
 * (all are nullable) reads as null.
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

  public static byte[] encode(String seriesKey, SeriesResult result) throws IOException {
    GenericRecordBuilder record = new GenericRecordBuilder(SCHEMA).set("series_key", seriesKey);
    ResultRows.of(result).forEach((table, rows) -> record.set(table.tableName(), rows));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<>(SCHEMA))) {
      writer.create(SCHEMA, bytes);
      writer.append(record.build());
    }
    return bytes.toByteArray();
  }

  /**
   * Reads a result back as a result of {@code runId} (its rows belong to that run's cohort tables now).
   *
   * @throws IOException when the bytes are not one result of {@code seriesKey}
   */
  public static SeriesResult decode(byte[] bytes, String seriesKey, String runId) throws IOException {
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
    Map<QaTable, List<GenericRecord>> rows = new EnumMap<>(QaTable.class);
    for (QaTable table : QaTable.values()) {
      List<GenericRecord> ofTable = new ArrayList<>();
      for (Object row : (GenericData.Array<?>) record.get(table.tableName())) {
        ofTable.add((GenericRecord) row);
      }
      rows.put(table, ofTable);
    }
    try {
      return ResultRows.series(runId, rows, true);
    } catch (IllegalArgumentException e) {
      throw new IOException("the result file of series " + seriesKey + " is not readable: "
          + e.getMessage(), e);
    }
  }
}
