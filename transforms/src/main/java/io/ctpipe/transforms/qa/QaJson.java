package io.ctpipe.transforms.qa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * A QA record as one line of newline-delimited JSON that {@code bq load --source_format=NEWLINE_DELIMITED_JSON}
 * accepts: nulls as null, nested records as objects, arrays as arrays, timestamps as "yyyy-MM-dd HH:mm:ss.SSSSSS UTC";
 * and such a line read back as a record.
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
    schema = nonNull(schema);
    if (schema.getLogicalType() instanceof LogicalTypes.TimestampMicros) {
      return nodes.textNode(TIMESTAMP.format(instant((Long) value)));
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

  /** The record a line of {@link #line} stands for, in {@code schema}; a field the line lacks is null. */
  public static GenericRecord record(JsonNode line, Schema schema) {
    GenericData.Record record = new GenericData.Record(schema);
    for (Schema.Field field : schema.getFields()) {
      record.put(field.pos(), fromJson(line.get(field.name()), field.schema()));
    }
    return record;
  }

  /** A time as a timestamp-micros column holds it (microseconds since the epoch; finer digits dropped). */
  public static long micros(Instant time) {
    return time.getEpochSecond() * 1_000_000 + time.getNano() / 1000;
  }

  /** The time a timestamp-micros column holds. */
  public static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L);
  }

  private static Object fromJson(JsonNode node, Schema schema) {
    if (node == null || node.isNull()) {
      return null;
    }
    schema = nonNull(schema);
    if (schema.getLogicalType() instanceof LogicalTypes.TimestampMicros) {
      return micros(TIMESTAMP.parse(node.asText(), Instant::from));
    }
    return switch (schema.getType()) {
      case RECORD -> record(node, schema);
      case ARRAY -> {
        List<Object> items = new ArrayList<>();
        for (JsonNode item : node) {
          items.add(fromJson(item, schema.getElementType()));
        }
        yield items;
      }
      case INT -> node.asInt();
      case LONG -> node.asLong();
      case DOUBLE -> node.asDouble();
      case BOOLEAN -> node.asBoolean();
      default -> node.asText();
    };
  }

  /** T of a ["null", T] union, else the schema itself. */
  private static Schema nonNull(Schema schema) {
    return schema.getType() != Schema.Type.UNION ? schema
        : schema.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElseThrow();
  }
}
