package io.ctpipe.transforms.qa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * A QA record as one line of newline-delimited JSON that {@code bq load --source_format=NEWLINE_DELIMITED_JSON}
 * accepts: nulls as null, nested records as objects, arrays as arrays, timestamps as "yyyy-MM-dd HH:mm:ss.SSSSSS UTC".
 */
public final class QaJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS 'UTC'")
      .withZone(ZoneOffset.UTC);

  private QaJson() {}

  public static String line(GenericRecord record) {
    return object(record).toString();
  }

  public static ObjectNode object(GenericRecord record) {
    ObjectNode out = MAPPER.createObjectNode();
    for (Schema.Field field : record.getSchema().getFields()) {
      out.set(field.name(), value(record.get(field.name()), field.schema()));
    }
    return out;
  }

  private static JsonNode value(Object value, Schema schema) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (value == null) {
      return nodes.nullNode();
    }
    if (schema.getType() == Schema.Type.UNION) {
      schema = schema.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElseThrow();
    }
    if (schema.getLogicalType() instanceof LogicalTypes.TimestampMicros) {
      long micros = (Long) value;
      return nodes.textNode(TIMESTAMP.format(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000),
          Math.floorMod(micros, 1_000_000) * 1000L)));
    }
    return switch (schema.getType()) {
      case RECORD -> object((GenericRecord) value);
      case ARRAY -> {
        ArrayNode array = nodes.arrayNode();
        for (Object item : (Collection<?>) value) {
          array.add(value(item, schema.getElementType()));
        }
        yield array;
      }
      case INT -> nodes.numberNode((Integer) value);
      case LONG -> nodes.numberNode((Long) value);
      case DOUBLE -> nodes.numberNode((Double) value);
      case BOOLEAN -> nodes.booleanNode((Boolean) value);
      default -> nodes.textNode(value.toString());
    };
  }
}
