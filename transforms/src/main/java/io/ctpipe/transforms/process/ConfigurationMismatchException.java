package io.ctpipe.transforms.process;

/**
 * A worker resolved the run's models and settings to another configuration than the launch did (a card or model
 * file that differs on this worker): nothing is processed here, since its results would carry an identity the run
 * does not have. The message names both hashes and the first line of the identities that differs.
 */
public final class ConfigurationMismatchException extends Exception {
  private static final long serialVersionUID = 1L;

  private ConfigurationMismatchException(String message) {
    super(message);
  }

  /**
   * Why {@code here} is not the configuration the launch resolved, or null when it is (or the launch's is unknown).
   */
  static ConfigurationMismatchException between(String launchIdentity, RunConfiguration here) {
    if (launchIdentity == null || launchIdentity.equals(here.identity())) {
      return null;
    }
    String[] launched = launchIdentity.split("\n", -1);
    String[] resolved = here.identity().split("\n", -1);
    int line = 0;
    while (line < launched.length && line < resolved.length && launched[line].equals(resolved[line])) {
      line++;
    }
    return new ConfigurationMismatchException("this worker resolved the run's configuration to " + here.hash()
        + ", the launch to " + RunConfiguration.hashOf(launchIdentity) + " (a card or model file differs here); "
        + "first difference: launch '" + lineOrNone(launched, line) + "', here '" + lineOrNone(resolved, line)
        + "'; nothing is processed on this worker, the series is left for the next run");
  }

  private static String lineOrNone(String[] lines, int line) {
    return line < lines.length ? lines[line] : "(none)";
  }
}
