package io.ctpipe.transforms.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the manifests IDC users have: s5cmd manifests (per series {@code cp s3://bucket/uuid/* .} or per
 * instance, {@code #} header lines), portal and idc-index / BigQuery tables (CSV or TSV, metadata rows before the
 * column row; or a JSON array of the same rows), and plain lists (one folder, bucket prefix or DICOMweb series URL
 * per line, {@code #} comments). Lines that name no fetchable CT series become {@link ManifestProblem}s with their
 * line numbers.
 */
public final class ManifestParser {
  private static final Pattern CP = Pattern.compile("^cp\\s+(\\S+)\\s+\\S+\\s*$");

  private ManifestParser() {}

  public static ParsedManifest parse(String name, String content, ManifestOptions options) {
    List<String> lines = content.lines().toList();
    String first = firstContentLine(lines);
    if (first == null) {
      return new ParsedManifest(List.of(), List.of(new ManifestProblem(name, 0, "", "the manifest is empty")));
    }
    if (first.startsWith("[")) {
      return TableManifest.parseJson(name, content, options);
    }
    if (first.startsWith("cp ") || name.toLowerCase(Locale.ROOT).endsWith(".s5cmd")) {
      return s5cmd(name, lines, options);
    }
    if (TableManifest.headerIndex(lines) >= 0) {
      return TableManifest.parseDelimited(name, lines, options);
    }
    return plainList(name, lines, options);
  }

  private static String firstContentLine(List<String> lines) {
    for (String line : lines) {
      String t = line.trim();
      if (!t.isEmpty() && !t.startsWith("#")) {
        return t;
      }
    }
    return null;
  }

  private static ParsedManifest s5cmd(String name, List<String> lines, ManifestOptions options) {
    List<SeriesRef> refs = new ArrayList<>();
    List<ManifestProblem> problems = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Matcher m = CP.matcher(line);
      String origin = name + ":" + (i + 1);
      if (!m.matches()) {
        problems.add(new ManifestProblem(name, i + 1, line, "not an s5cmd 'cp SOURCE DESTINATION' line"));
        continue;
      }
      String url = m.group(1);
      SeriesRef ref = SeriesLocations.isBucketUrl(url)
          ? SeriesLocations.bucketSeries(url, options, null, null, null, origin) : null;
      if (ref == null) {
        problems.add(new ManifestProblem(name, i + 1, line, "source '" + url
            + "' is not an s3:// or gs:// URL of a series folder"));
      } else {
        refs.add(ref);
      }
    }
    return new ParsedManifest(refs, problems);
  }

  private static ParsedManifest plainList(String name, List<String> lines, ManifestOptions options) {
    List<SeriesRef> refs = new ArrayList<>();
    List<ManifestProblem> problems = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String origin = name + ":" + (i + 1);
      String reason = null;
      String[] web = SeriesLocations.dicomWebSeries(line);
      if (web != null) {
        refs.add(SeriesRef.dicomWeb(web[0], web[1], web[2], null, origin));
      } else if (SeriesLocations.isDicomWebStudy(line)) {
        reason = "a DICOMweb study URL; give one series: .../studies/UID/series/UID";
      } else if (line.startsWith("http://") || line.startsWith("https://")) {
        reason = "not a DICOMweb series URL (.../studies/UID/series/UID)";
      } else if (line.contains(" ") || line.contains("\t")) {
        reason = "expected one folder, bucket prefix or DICOMweb series URL per line";
      } else {
        String location = SeriesLocations.isBucketUrl(line) ? IdcBuckets.resolve(line.replaceAll("\\*$", ""),
            options.preferGcs()) : line;
        refs.add(SeriesRef.files(SeriesLocations.isBucketUrl(location) ? SeriesLocations.keyOf(location)
            : "location:" + location, location, null, null, null, origin));
      }
      if (reason != null) {
        problems.add(new ManifestProblem(name, i + 1, line, reason));
      }
    }
    return new ParsedManifest(refs, problems);
  }
}
