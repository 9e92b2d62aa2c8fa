package io.ctpipe.transforms.manifest;

import java.io.Serializable;

/** A manifest line that names no series ctpipe can fetch: where it is, what it says, and why. */
public record ManifestProblem(String manifest, int line, String text, String reason) implements Serializable {
  /** "manifest:line". */
  public String origin() {
    return manifest + ":" + line;
  }
}
