package io.ctpipe.transforms.qa;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.ctpipe.dicom.EnumChoices;

/** The files QA tables are written as when they do not go to BigQuery ({@code --qaFormat}). */
public enum QaFileFormat {
  AVRO, JSON;

  /** Parses a constant's name in any case, with a message naming the choices (also how Beam options read it). */
  @JsonCreator
  public static QaFileFormat parse(String text) {
    return EnumChoices.parse(QaFileFormat.class, "QA file format", text);
  }

  /** The same format among all the ways tables are written. */
  public QaFormat format() {
    return QaFormat.valueOf(name());
  }
}
