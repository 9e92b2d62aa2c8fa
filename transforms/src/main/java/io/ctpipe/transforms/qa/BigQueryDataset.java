package io.ctpipe.transforms.qa;

import java.io.Serializable;

/** A BigQuery dataset as {@code --bigQueryDataset} names it, "project:dataset" (or "project.dataset"), checked once. */
public record BigQueryDataset(String project, String dataset) implements Serializable {
  /** The accepted form, as a regular expression (also the Flex Template's validation of the option). */
  public static final String FORM = "[A-Za-z0-9_.-]+[:.][A-Za-z0-9_]+";

  /** @throws IllegalArgumentException naming the option when the text is not of the form */
  public static BigQueryDataset parse(String text) {
    if (text == null || !text.matches(FORM)) {
      throw new IllegalArgumentException("--bigQueryDataset must be project:dataset, got '" + text + "'");
    }
    int split = text.indexOf(':') >= 0 ? text.indexOf(':') : text.lastIndexOf('.');
    return new BigQueryDataset(text.substring(0, split), text.substring(split + 1));
  }
}
