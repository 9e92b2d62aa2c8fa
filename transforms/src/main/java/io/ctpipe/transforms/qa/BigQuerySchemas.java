package io.ctpipe.transforms.qa;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * The BigQuery schema of an Avro record schema, as BigQuery's own Avro loader maps it: a ["null", T] union is a
 * NULLABLE T, an array a REPEATED field, a record a RECORD, timestamp-micros a TIMESTAMP, int and long INTEGER,
 * double FLOAT, boolean BOOLEAN, string STRING. Field docs become descriptions.
 */
public final class BigQuerySchemas {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private BigQuerySchemas() {}

  /** {"fields": [...]} for {@code BigQueryIO.withJsonSchema} and {@code bq mk --schema}. */
  public static ObjectNode fromAvro(Schema record) {
    ObjectNode root = MAPPER.createObjectNode();
    fields(root.putArray("fields"), record);
    return root;
  }

  private static void fields(ArrayNode out, Schema record) {
    for (Schema.Field field : record.getFields()) {
      ObjectNode f = out.addObject().put("name", field.name());
      Schema type = field.schema();
      String mode = "REQUIRED";
      if (type.getType() == Schema.Type.UNION) {
        type = type.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElseThrow();
        mode = "NULLABLE";
      }
      if (type.getType() == Schema.Type.ARRAY) {
        type = type.getElementType();
        mode = "REPEATED";
      }
      f.put("type", bigQueryType(type)).put("mode", mode);
      if (field.doc() != null) {
        f.put("description", field.doc());
      }
      if (type.getType() == Schema.Type.RECORD) {
        fields(f.putArray("fields"), type);
      }
    }
  }

  private static String bigQueryType(Schema type) {
    if (type.getLogicalType() instanceof LogicalTypes.TimestampMicros) {
      return "TIMESTAMP";
    }
    return switch (type.getType()) {
      case INT, LONG -> "INTEGER";
      case DOUBLE, FLOAT -> "FLOAT";
      case BOOLEAN -> "BOOLEAN";
      case STRING -> "STRING";
      case RECORD -> "RECORD";
      default -> throw new IllegalArgumentException("no BigQuery type for Avro " + type);
    };
  }
}
