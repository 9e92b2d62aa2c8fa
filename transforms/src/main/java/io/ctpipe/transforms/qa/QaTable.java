package io.ctpipe.transforms.qa;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;

/**
 * The QA tables ctpipe writes. Each has an Avro schema ({@code <name>.avsc}) and a BigQuery schema
 * ({@code <name>.bq.json}, kept equal to the Avro one by a test) as resources of this package.
 */
public enum QaTable {
  SERIES_QA("series_qa"),
  SLICE_QA("slice_qa"),
  SEGMENT_STATS("segment_stats"),
  DEAD_LETTERS("dead_letters");

  private final String tableName;
  private transient Schema schema;

  QaTable(String tableName) {
    this.tableName = tableName;
  }

  /** The table (and file) name. */
  public String tableName() {
    return tableName;
  }

  public synchronized Schema schema() {
    if (schema == null) {
      schema = new Schema.Parser().parse(resource(tableName + ".avsc"));
    }
    return schema;
  }

  /** The committed BigQuery JSON schema ({"fields": [...]}). */
  public String bigQuerySchemaJson() {
    return resource(tableName + ".bq.json");
  }

  private static String resource(String name) {
    try (InputStream in = QaTable.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
