package io.ctpipe.transforms.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.bigquery.model.TableRow;
import io.ctpipe.transforms.manifest.ManifestProblem;
import io.ctpipe.transforms.result.DeadLetter;
import io.ctpipe.transforms.result.ResultRows;
import java.time.Instant;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** The committed BigQuery schemas match the Avro schemas; rows serialise as bq load expects. */
class QaSchemasTest {
  @Test
  void committedBigQuerySchemasEqualTheAvroSchemas() throws Exception {
    for (QaTable table : QaTable.values()) {
      JsonNode committed = new ObjectMapper().readTree(table.bigQuerySchemaJson());
      assertEquals(BigQuerySchemas.fromAvro(table.schema()), committed, table.tableName()
          + ".bq.json is out of date with " + table.tableName() + ".avsc");
    }
  }

  @Test
  void seriesQaSchemaMapsNestedAndRepeatedFields() {
    JsonNode fields = BigQuerySchemas.fromAvro(QaTable.SERIES_QA.schema()).get("fields");
    JsonNode models = null;
    JsonNode bpr = null;
    for (JsonNode f : fields) {
      models = f.get("name").asText().equals("models") ? f : models;
      bpr = f.get("name").asText().equals("bpr") ? f : bpr;
    }
    assertEquals("RECORD", models.get("type").asText());
    assertEquals("REPEATED", models.get("mode").asText());
    assertEquals("NULLABLE", bpr.get("mode").asText());
    assertEquals("TIMESTAMP", fields.get(1).get("type").asText());
  }

  @Test
  void deadLetterRowsBecomeBigQueryLoadableJson() throws Exception {
    GenericRecord row = ResultRows.deadLetter("run-1", DeadLetter.manifest(
        new ManifestProblem("m.s5cmd", 7, "cp x", "not a URL"), Instant.parse("2026-11-26T10:15:30.123456Z")));
    JsonNode json = new ObjectMapper().readTree(QaJson.line(row));
    assertEquals("manifest", json.get("stage").asText());
    assertEquals("m.s5cmd:7", json.get("origin").asText());
    assertEquals("not a URL: cp x", json.get("message").asText());
    assertTrue(json.get("series_key").isNull());
    assertEquals("2026-11-26 10:15:30.123456 UTC", json.get("attempt_time").asText());
    TableRow tableRow = WriteQaTables.tableRow(row);
    assertEquals("manifest", tableRow.get("stage"));
    assertEquals(false, tableRow.get("retryable"));
  }
}
