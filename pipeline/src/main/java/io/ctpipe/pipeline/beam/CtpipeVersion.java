package io.ctpipe.pipeline.beam;

/** The version recorded in the jar manifest ("ctpipe 0.1.0-SNAPSHOT"), or "ctpipe development build". */
public final class CtpipeVersion {
  private CtpipeVersion() {}

  public static String text() {
    String version = CtpipeVersion.class.getPackage().getImplementationVersion();
    return "ctpipe " + (version == null ? "development build" : version);
  }
}
