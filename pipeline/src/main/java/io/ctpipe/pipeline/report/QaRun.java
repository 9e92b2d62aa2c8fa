package io.ctpipe.pipeline.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctpipe.pipeline.beam.QaFiles;
import io.ctpipe.transforms.qa.QaFormat;
import io.ctpipe.transforms.qa.QaTable;
import io.ctpipe.transforms.result.DeadLetter;
import io.ctpipe.transforms.result.RunResults;
import io.ctpipe.transforms.result.SeriesResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The results in one run's QA tables ({@code qa/<table>/<table>-<runId>-*.avro} or {@code .json}), read with
 * {@link QaFiles}, and the run's counters when the run wrote them ({@code qa/runs/<runId>.json}).
 */
public final class QaRun {
  private static final Pattern TABLE_FILE = Pattern.compile("[a-z_]+-(.+)-\\d{5}-of-\\d{5}\\.(avro|json)");

  private final RunResults results;
  private final JsonNode counters;

  private QaRun(RunResults results, JsonNode counters) {
    this.results = results;
    this.counters = counters;
  }

  /**
   * @param runId the run to read, or null for the latest one found (run ids are UTC timestamps)
   */
  public static QaRun read(Path qaDir, String runId) throws IOException {
    if (!Files.isDirectory(qaDir)) {
      throw new IOException("no QA folder at " + qaDir + " (a run writes one under its --output, or --qaOutput)");
    }
    Map<String, QaFormat> runs = new java.util.TreeMap<>();
    for (QaTable table : QaTable.values()) {
      Path folder = qaDir.resolve(table.tableName());
      if (Files.isDirectory(folder)) {
        try (Stream<Path> files = Files.list(folder)) {
          for (Path file : files.toList()) {
            Matcher m = TABLE_FILE.matcher(file.getFileName().toString());
            if (m.matches()) {
              runs.put(m.group(1), m.group(2).equals("avro") ? QaFormat.AVRO : QaFormat.JSON);
            }
          }
        }
      }
    }
    if (runs.isEmpty()) {
      throw new IOException("no QA rows below " + qaDir);
    }
    String chosen = runId != null ? runId : new TreeSet<>(runs.keySet()).last();
    if (!runs.containsKey(chosen)) {
      throw new IOException("no rows of run " + chosen + " below " + qaDir + "; runs found: " + runs.keySet());
    }
    RunResults results = QaFiles.results(qaDir.toString(), chosen, runs.get(chosen), EnumSet.allOf(QaTable.class));
    Path summary = qaDir.resolve("runs").resolve(chosen + ".json");
    ObjectMapper json = new ObjectMapper();
    JsonNode counters = Files.isRegularFile(summary) ? json.readTree(summary.toFile()) : json.createObjectNode();
    return new QaRun(results, counters);
  }

  public String runId() {
    return results.runId();
  }

  /** A result per series the run's series_qa table holds, with its slice scores and label statistics. */
  public List<SeriesResult> series() {
    return results.series();
  }

  /** Every dead letter of the run: of series and of manifest lines. */
  public List<DeadLetter> deadLetters() {
    return results.deadLetters();
  }

  /** A pipeline counter of the run (series-reused, series-in, ...), or -1 when the run wrote no summary. */
  public long counter(String name) {
    return counters.has(name) ? counters.get(name).asLong() : counters.isEmpty() ? -1 : 0;
  }
}
