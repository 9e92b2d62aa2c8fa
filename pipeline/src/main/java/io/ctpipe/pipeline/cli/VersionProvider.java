package io.ctpipe.pipeline.cli;

import io.ctpipe.pipeline.beam.CtpipeVersion;
import picocli.CommandLine;

/** Reports the version recorded in the jar manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {CtpipeVersion.text()};
  }
}
