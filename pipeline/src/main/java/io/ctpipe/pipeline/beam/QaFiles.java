package io.ctpipe.pipeline.beam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctpipe.transforms.qa.QaFormat;
import io.ctpipe.transforms.qa.QaJson;
import io.ctpipe.transforms.qa.QaTable;
import io.ctpipe.transforms.qa.WriteQaTables;
import io.ctpipe.transforms.result.ResultRows;
import io.ctpipe.transforms.result.RunResults;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Reads back one run's QA table files (Avro or NDJSON): as typed results for summaries and the report, or as JSON
 * objects for tests.
 */
public final class QaFiles {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private QaFiles() {}

  /** What to do with each row of a file: an Avro record, or a JSON line. */
  private interface RowSink {
    void record(GenericRecord row);

    void line(String line) throws IOException;
  }

  /** A run's rows of a table as JSON objects (Avro records as {@link QaJson} writes them). */
  public static List<JsonNode> read(String folder, QaTable table, String runId, QaFormat format) throws IOException {
    List<JsonNode> rows = new ArrayList<>();
    readRows(folder, table, runId, format, new RowSink() {
      @Override
      public void record(GenericRecord row) {
        rows.add(QaJson.object(row));
      }

      @Override
      public void line(String line) throws IOException {
        rows.add(MAPPER.readTree(line));
      }
    });
    return rows;
  }

  /**
   * A run's results from the rows of the tables asked for (the others read as empty). Rows written with an earlier
   * schema of their table read as rows of the current one.
   */
  public static RunResults results(String folder, String runId, QaFormat format, Set<QaTable> tables)
      throws IOException {
    Map<QaTable, List<GenericRecord>> rows = new EnumMap<>(QaTable.class);
    for (QaTable table : QaTable.values()) {
      rows.put(table, tables.contains(table) ? records(folder, table, runId, format) : new ArrayList<>());
    }
    return ResultRows.run(runId, rows);
  }

  private static List<GenericRecord> records(String folder, QaTable table, String runId, QaFormat format)
      throws IOException {
    List<GenericRecord> rows = new ArrayList<>();
    readRows(folder, table, runId, format, new RowSink() {
      @Override
      public void record(GenericRecord row) {
        rows.add(row);
      }

      @Override
      public void line(String line) throws IOException {
        rows.add(QaJson.record(MAPPER.readTree(line), table.schema()));
      }
    });
    return rows;
  }

  private static void readRows(String folder, QaTable table, String runId, QaFormat format, RowSink sink)
      throws IOException {
    String ext = format == QaFormat.AVRO ? ".avro" : ".json";
    MatchResult match = FileSystems.match(WriteQaTables.filePrefix(folder, table, runId) + "-*" + ext);
    if (match.status() != MatchResult.Status.OK) {
      return;
    }
    for (MatchResult.Metadata file : match.metadata()) {
      try (InputStream in = Channels.newInputStream(FileSystems.open(file.resourceId()))) {
        if (format == QaFormat.AVRO) {
          try (DataFileStream<GenericRecord> records = new DataFileStream<>(in,
              new GenericDatumReader<>(table.schema()))) {
            records.forEach(sink::record);
          }
        } else {
          BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
          for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            sink.line(line);
          }
        }
      }
    }
  }
}
