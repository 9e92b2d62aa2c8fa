package io.ctpipe.pipeline.beam;

import io.ctpipe.transforms.qa.QaFormat;
import io.ctpipe.transforms.qa.QaJson;
import io.ctpipe.transforms.qa.QaTable;
import io.ctpipe.transforms.qa.WriteQaTables;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;

/** Reads back one run's QA table files (Avro or NDJSON) as JSON objects, for summaries and tests. */
public final class QaFiles {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private QaFiles() {}

  public static List<JsonNode> read(String folder, QaTable table, String runId, QaFormat format) throws IOException {
    String ext = format == QaFormat.AVRO ? ".avro" : ".json";
    MatchResult match = FileSystems.match(WriteQaTables.filePrefix(folder, table, runId) + "-*" + ext);
    List<JsonNode> rows = new ArrayList<>();
    if (match.status() != MatchResult.Status.OK) {
      return rows;
    }
    for (MatchResult.Metadata file : match.metadata()) {
      try (InputStream in = Channels.newInputStream(FileSystems.open(file.resourceId()))) {
        if (format == QaFormat.AVRO) {
          try (DataFileStream<GenericRecord> records = new DataFileStream<>(in, new GenericDatumReader<>())) {
            records.forEach(r -> rows.add(QaJson.object(r)));
          }
        } else {
          BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
          for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            rows.add(MAPPER.readTree(line));
          }
        }
      }
    }
    return rows;
  }
}
