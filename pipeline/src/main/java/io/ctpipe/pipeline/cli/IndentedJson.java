package io.ctpipe.pipeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The user commands' one JSON mapper: indented, for what {@code --json} prints and {@code segment.json} holds. */
final class IndentedJson {
  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private IndentedJson() {}
}
