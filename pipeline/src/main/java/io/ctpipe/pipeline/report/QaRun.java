package io.ctpipe.pipeline.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctpipe.pipeline.beam.QaFiles;
import io.ctpipe.transforms.qa.QaFormat;
import io.ctpipe.transforms.qa.QaTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The rows of one run's QA tables ({@code qa/<table>/<table>-<runId>-*.avro} or {@code .json}), read with
 * {@link QaFiles}, and the run's counters when the run wrote them ({@code qa/runs/<runId>.json}).
 */
public final class QaRun {
  private static final Pattern TABLE_FILE = Pattern.compile("[a-z_]+-(.+)-\\d{5}-of-\\d{5}\\.(avro|json)");

  private final String runId;
  private final Map<QaTable, List<JsonNode>> rows;
  private final JsonNode counters;
  private final Map<QaTable, Map<String, List<JsonNode>>> bySeries = new EnumMap<>(QaTable.class);

  private QaRun(String runId, Map<QaTable, List<JsonNode>> rows, JsonNode counters) {
    this.runId = runId;
    this.rows = rows;
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
    Map<QaTable, List<JsonNode>> ofRun = new EnumMap<>(QaTable.class);
    for (QaTable table : QaTable.values()) {
      ofRun.put(table, QaFiles.read(qaDir.toString(), table, chosen, runs.get(chosen)));
    }
    Path summary = qaDir.resolve("runs").resolve(chosen + ".json");
    ObjectMapper json = new ObjectMapper();
    JsonNode counters = Files.isRegularFile(summary) ? json.readTree(summary.toFile()) : json.createObjectNode();
    return new QaRun(chosen, ofRun, counters);
  }

  public String runId() {
    return runId;
  }

  public List<JsonNode> rows(QaTable table) {
    return rows.get(table);
  }

  /** The rows of a table that belong to one series; each table is grouped by series once, when first asked. */
  public List<JsonNode> rowsOf(QaTable table, String seriesInstanceUid) {
    return bySeries.computeIfAbsent(table, t -> rows.get(t).stream()
        .collect(Collectors.groupingBy(r -> r.path("series_instance_uid").asText())))
        .getOrDefault(seriesInstanceUid, List.of());
  }

  /** A pipeline counter of the run (series-reused, series-in, ...), or -1 when the run wrote no summary. */
  public long counter(String name) {
    return counters.has(name) ? counters.get(name).asLong() : counters.isEmpty() ? -1 : 0;
  }
}
