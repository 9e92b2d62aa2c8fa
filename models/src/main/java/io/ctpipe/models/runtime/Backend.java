package io.ctpipe.models.runtime;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.ctpipe.dicom.EnumChoices;

/**
 * The engine that runs a network: ctpipe's oneDNN engine, ONNX Runtime's CPU provider, or AUTO (oneDNN when it
 * runs the graph in the asked precision, else ONNX Runtime, with the reason noted).
 */
public enum Backend {
  AUTO, ONEDNN, ONNXRUNTIME;

  /** Parses a constant's name in any case, with a message naming the choices (also how Beam options read it). */
  @JsonCreator
  public static Backend parse(String text) {
    return EnumChoices.parse(Backend.class, "runtime", text);
  }

  public String label() {
    return EnumChoices.label(this);
  }
}
