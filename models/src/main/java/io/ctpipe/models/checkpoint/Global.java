package io.ctpipe.models.checkpoint;

/** A Python global a pickle names (module and qualified name); only the ones {@link Pickle} allows are created. */
record Global(String module, String name) {
  @Override
  public String toString() {
    return module + "." + name;
  }
}
