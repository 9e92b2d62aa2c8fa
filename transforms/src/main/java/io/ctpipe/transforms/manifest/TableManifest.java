package io.ctpipe.transforms.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * IDC tables of series or instances: portal CSV/TSV/JSON manifests and idc-index or BigQuery exports. A row's
 * location is, in order: gcs_url, series_aws_url or aws_url (their folder), crdc_series_uuid in aws_bucket (or the
 * default bucket), or its Series Instance UID in the DICOMweb store. Rows of another modality than CT
 * are reported, not fetched.
 */
public final class TableManifest {
  private static final Set<String> KEY_COLUMNS = Set.of("SeriesInstanceUID", "crdc_series_uuid", "series_aws_url",
      "gcs_url", "aws_url");

  private TableManifest() {}

  /** Index of the column row (the first line naming a known column), or −1. */
  static int headerIndex(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      for (String cell : DelimitedLine.split(lines.get(i), separator(lines.get(i)))) {
        if (KEY_COLUMNS.contains(cell)) {
          return i;
        }
      }
    }
    return -1;
  }

  private static char separator(String line) {
    return line.indexOf('\t') >= 0 ? '\t' : ',';
  }

  static ParsedManifest parseDelimited(String name, List<String> lines, ManifestOptions options) {
    int header = headerIndex(lines);
    char separator = separator(lines.get(header));
    List<String> columns = DelimitedLine.split(lines.get(header), separator);
    Rows rows = new Rows(name, options);
    for (int i = header + 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      List<String> cells = DelimitedLine.split(line, separator);
      if (cells.size() != columns.size()) {
        rows.problem(i + 1, line, cells.size() + " cells but the column row has " + columns.size());
        continue;
      }
      Map<String, String> row = new HashMap<>();
      for (int c = 0; c < columns.size(); c++) {
        row.put(columns.get(c), cells.get(c));
      }
      rows.add(i + 1, line, row);
    }
    return rows.result();
  }

  /** A JSON array of row objects (the portal's JSON manifest); "line" numbers count rows from 1. */
  static ParsedManifest parseJson(String name, String content, ManifestOptions options) {
    Rows rows = new Rows(name, options);
    JsonNode array;
    try {
      array = new ObjectMapper().readTree(content);
    } catch (IOException e) {
      rows.problem(1, "", "not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
      return rows.result();
    }
    for (int i = 0; i < array.size(); i++) {
      JsonNode node = array.get(i);
      if (!node.isObject()) {
        rows.problem(i + 1, node.toString(), "row is not a JSON object");
        continue;
      }
      Map<String, String> row = new HashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        row.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
      }
      rows.add(i + 1, node.toString(), row);
    }
    return rows.result();
  }

  /** A row's values as text (BigQuery JSON gives strings for STRING columns, null for NULL, which is left out). */
  public static Map<String, String> columns(Map<String, ?> row) {
    Map<String, String> out = new HashMap<>();
    row.forEach((k, v) -> {
      if (v != null) {
        out.put(k, v.toString());
      }
    });
    return out;
  }

  /**
   * One row of IDC's BigQuery index (see {@link IdcIndexQuery}): its reference, with the origin
   * "SOURCE:SeriesInstanceUID", or the reason it names none (line 0 of SOURCE).
   */
  public static ParsedManifest parseIndexRow(String source, Map<String, String> row, ManifestOptions options) {
    Rows rows = new Rows(source, options);
    String series = row.getOrDefault("SeriesInstanceUID", "");
    rows.add(source + ":" + series, 0, row.toString(), row);
    return rows.result();
  }

  /** Collects rows as references or problems. */
  private static final class Rows {
    private final String name;
    private final ManifestOptions options;
    private final List<SeriesRef> refs = new ArrayList<>();
    private final List<ManifestProblem> problems = new ArrayList<>();

    Rows(String name, ManifestOptions options) {
      this.name = name;
      this.options = options;
    }

    void problem(int line, String text, String reason) {
      problems.add(new ManifestProblem(name, line, text, reason));
    }

    void add(int line, String text, Map<String, String> row) {
      add(name + ":" + line, line, text, row);
    }

    void add(String origin, int line, String text, Map<String, String> row) {
      String modality = value(row, "Modality");
      if (modality != null && !modality.equals("CT")) {
        problem(line, text, "Modality " + modality + " is not CT");
        return;
      }
      SeriesRef ref;
      try {
        ref = ref(row, origin);
      } catch (RuntimeException e) {
        problem(line, text, e.getMessage());
        return;
      }
      if (ref == null) {
        problem(line, text, "no series location: the row has no gcs_url, series_aws_url, aws_url or "
            + "crdc_series_uuid" + (options.dicomWebUrl() == null ? ", and no --dicomWebUrl was given for its UIDs"
                : ", and no SeriesInstanceUID for the DICOMweb store"));
      } else {
        refs.add(ref);
      }
    }

    private SeriesRef ref(Map<String, String> row, String origin) {
      String study = value(row, "StudyInstanceUID");
      String series = value(row, "SeriesInstanceUID");
      String collection = value(row, "collection_id");
      for (String column : List.of("gcs_url", "series_aws_url", "aws_url")) {
        String url = value(row, column);
        if (url != null && SeriesLocations.isBucketUrl(url)) {
          return SeriesLocations.bucketSeries(url, options, study, series, collection, origin);
        }
      }
      String uuid = value(row, "crdc_series_uuid");
      if (uuid != null) {
        String bucket = value(row, "aws_bucket") != null ? value(row, "aws_bucket") : options.defaultBucket();
        return SeriesLocations.bucketSeries("s3://" + bucket + "/" + uuid + "/", options, study, series,
            collection, origin);
      }
      if (options.dicomWebUrl() != null && series != null) {
        return SeriesRef.dicomWeb(options.dicomWebUrl(), study, series, collection, origin);
      }
      return null;
    }

    private static String value(Map<String, String> row, String column) {
      String v = row.get(column);
      return v == null || v.isBlank() ? null : v.trim();
    }

    ParsedManifest result() {
      return new ParsedManifest(refs, problems);
    }
  }
}
