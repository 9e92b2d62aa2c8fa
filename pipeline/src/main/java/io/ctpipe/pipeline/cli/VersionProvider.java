package io.ctpipe.pipeline.cli;

import picocli.CommandLine;

/** Reports the version recorded in the jar manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = CtpipeCommand.class.getPackage().getImplementationVersion();
    return new String[] {"ctpipe " + (version == null ? "development build" : version)};
  }
}
