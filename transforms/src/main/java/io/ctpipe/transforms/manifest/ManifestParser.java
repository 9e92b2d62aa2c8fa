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

  /** What one line names: a series, or the reason it names none. */
  private record LineResult(SeriesRef ref, String problem) {
    static LineResult series(SeriesRef ref) {
      return new LineResult(ref, null);
    }

    static LineResult problem(String reason) {
      return new LineResult(null, reason);
    }
  }

  private interface LineReader {
    LineResult read(String line, String origin);
  }

  /** Reads every line that is neither blank nor a comment. */
  private static ParsedManifest eachLine(String name, List<String> lines, LineReader reader) {
    List<SeriesRef> refs = new ArrayList<>();
    List<ManifestProblem> problems = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      LineResult result;
      try {
        result = reader.read(line, name + ":" + (i + 1));
      } catch (RuntimeException e) {
        result = LineResult.problem(e.getMessage());
      }
      if (result.ref() != null) {
        refs.add(result.ref());
      } else {
        problems.add(new ManifestProblem(name, i + 1, line, result.problem()));
      }
    }
    return new ParsedManifest(refs, problems);
  }

  private static ParsedManifest s5cmd(String name, List<String> lines, ManifestOptions options) {
    return eachLine(name, lines, (line, origin) -> {
      Matcher m = CP.matcher(line);
      if (!m.matches()) {
        return LineResult.problem("not an s5cmd 'cp SOURCE DESTINATION' line");
      }
      String url = m.group(1);
      SeriesRef ref = SeriesLocations.isBucketUrl(url)
          ? SeriesLocations.bucketSeries(url, options, null, null, null, origin) : null;
      return ref != null ? LineResult.series(ref)
          : LineResult.problem("source '" + url + "' is not an s3:// or gs:// URL of a series folder");
    });
  }

  private static ParsedManifest plainList(String name, List<String> lines, ManifestOptions options) {
    return eachLine(name, lines, (line, origin) -> {
      String[] web = SeriesLocations.dicomWebSeries(line);
      if (web != null) {
        return LineResult.series(SeriesRef.dicomWeb(web[0], web[1], web[2], null, origin));
      }
      if (SeriesLocations.isDicomWebStudy(line)) {
        return LineResult.problem("a DICOMweb study URL; give one series: .../studies/UID/series/UID");
      }
      if (line.startsWith("http://") || line.startsWith("https://")) {
        return LineResult.problem("not a DICOMweb series URL (.../studies/UID/series/UID)");
      }
      if (line.contains(" ") || line.contains("\t")) {
        return LineResult.problem("expected one folder, bucket prefix or DICOMweb series URL per line");
      }
      String scheme = SeriesLocations.scheme(line);
      if (scheme != null && !scheme.equals("file") && !SeriesLocations.isBucketUrl(line)) {
        return LineResult.problem("unknown scheme '" + scheme + "': expected a folder, file://, gs://, s3:// or a "
            + "DICOMweb series URL");
      }
      if (SeriesLocations.isBucketUrl(line)) {
        String prefix = IdcBuckets.resolve(line.replaceAll("\\*$", ""), options.preferGcs());
        return LineResult.series(SeriesRef.files(SeriesLocations.keyOf(prefix), prefix, null, null, null, origin));
      }
      return LineResult.series(SeriesRef.files("location:" + line, line, null, null, null, origin));
    });
  }
}
