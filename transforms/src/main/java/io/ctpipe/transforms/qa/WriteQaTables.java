package io.ctpipe.transforms.qa;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.bigquery.model.TableRow;
import java.util.EnumSet;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.extensions.avro.io.AvroIO;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Writes the QA tables. Files (Avro, or NDJSON) go to {@code <qaOutput>/<table>/<table>-<runId>-SSSSS-of-NNNNN.<ext>},
 * as many shards as the runner chooses (at least one, for empty tables too), new files per run so earlier runs'
 * rows stay and {@code bq load} can take a whole table folder; BigQuery rows are appended with load jobs
 * (FILE_LOADS) to {@code <dataset>.<table>}, created from the committed schema when missing; a table created by an
 * earlier version gains the nullable columns added since (ALLOW_FIELD_ADDITION).
 */
public final class WriteQaTables extends PTransform<PBegin, PDone> {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final Map<QaTable, PCollection<GenericRecord>> tables;
  private final QaFormat format;
  private final String location;
  private final String runId;

  /**
   * @param location the folder for file formats, or "project:dataset" for BigQuery
   */
  public WriteQaTables(Map<QaTable, PCollection<GenericRecord>> tables, QaFormat format, String location,
      String runId) {
    this.tables = tables;
    this.format = format;
    this.location = location;
    this.runId = runId;
  }

  /** The file name prefix of a table in a folder for this run. */
  public static String filePrefix(String folder, QaTable table, String runId) {
    String root = folder.endsWith("/") ? folder : folder + "/";
    return root + table.tableName() + "/" + table.tableName() + "-" + runId;
  }

  @Override
  public PDone expand(PBegin begin) {
    tables.forEach((table, rows) -> {
      String step = "Write_" + table.tableName();
      switch (format) {
        case AVRO -> rows.apply(step, AvroIO.writeGenericRecords(table.schema())
            .to(filePrefix(location, table, runId)).withSuffix(".avro"));
        case JSON -> rows.apply(step + "_AsJson", MapElements.into(TypeDescriptors.strings()).via(QaJson::line))
            .apply(step, TextIO.write().to(filePrefix(location, table, runId)).withSuffix(".json"));
        case BIGQUERY -> rows.apply(step, BigQueryIO.<GenericRecord>write()
            .to(location + "." + table.tableName()).withJsonSchema(table.bigQuerySchemaJson())
            .withFormatFunction(WriteQaTables::tableRow)
            .withCreateDisposition(BigQueryIO.Write.CreateDisposition.CREATE_IF_NEEDED)
            .withWriteDisposition(BigQueryIO.Write.WriteDisposition.WRITE_APPEND)
            .withSchemaUpdateOptions(EnumSet.of(BigQueryIO.Write.SchemaUpdateOption.ALLOW_FIELD_ADDITION))
            .withMethod(BigQueryIO.Write.Method.FILE_LOADS));
        default -> throw new IllegalStateException(format.name());
      }
    });
    return PDone.in(begin.getPipeline());
  }

  /** A QA record as a BigQuery row (the same values as its NDJSON line). */
  static TableRow tableRow(GenericRecord record) {
    return MAPPER.convertValue(QaJson.object(record), TableRow.class);
  }
}
