package io.ctpipe.transforms.result;

import io.ctpipe.transforms.qa.QaJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;

/** A row's values by column, read leniently: a column the row's schema lacks, or a null, reads as null, 0 or false. */
final class Columns {
  private final GenericRecord row;

  Columns(GenericRecord row) {
    this.row = row;
  }

  Object value(String column) {
    return row.getSchema().getField(column) == null ? null : row.get(column);
  }

  String text(String column) {
    Object v = value(column);
    return v == null ? null : v.toString();
  }

  int integer(String column) {
    Integer v = nullableInteger(column);
    return v == null ? 0 : v;
  }

  Integer nullableInteger(String column) {
    Object v = value(column);
    return v == null ? null : ((Number) v).intValue();
  }

  long whole(String column) {
    Object v = value(column);
    return v == null ? 0 : ((Number) v).longValue();
  }

  double real(String column) {
    Double v = nullableReal(column);
    return v == null ? 0 : v;
  }

  Double nullableReal(String column) {
    Object v = value(column);
    return v == null ? null : ((Number) v).doubleValue();
  }

  boolean flag(String column) {
    return Boolean.TRUE.equals(value(column));
  }

  Boolean nullableFlag(String column) {
    return (Boolean) value(column);
  }

  /** A timestamp-micros column. */
  Instant time(String column) {
    Object v = value(column);
    if (v == null) {
      return null;
    }
    return QaJson.instant(((Number) v).longValue());
  }

  Columns record(String column) {
    Object v = value(column);
    return v == null ? null : new Columns((GenericRecord) v);
  }

  List<Columns> records(String column) {
    List<Columns> out = new ArrayList<>();
    for (Object item : list(column)) {
      out.add(new Columns((GenericRecord) item));
    }
    return out;
  }

  List<String> texts(String column) {
    List<String> out = new ArrayList<>();
    for (Object item : list(column)) {
      out.add(item.toString());
    }
    return out;
  }

  private List<?> list(String column) {
    Object v = value(column);
    return v == null ? List.of() : (List<?>) v;
  }
}
