package io.ctpipe.transforms.manifest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading series locations out of URLs: bucket folders, IDC series UUIDs, DICOMweb series URLs. */
final class SeriesLocations {
  private static final Pattern DICOMWEB_SERIES = Pattern.compile(
      "^(https?://.+?)/studies/([0-9.]+)/series/([0-9.]+)/?$");
  private static final Pattern DICOMWEB_STUDY = Pattern.compile("^https?://.+/studies/[0-9.]+/?$");
  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://");
  private static final Pattern UUID = Pattern.compile(
      "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

  private SeriesLocations() {}

  /** "scheme://bucket/a/b/file" or ".../*" → "scheme://bucket/a/b/"; a URL ending in "/" is returned as it is. */
  static String folderOf(String url) {
    return url.substring(0, url.lastIndexOf('/') + 1);
  }

  /** The first path segment of a bucket URL (IDC's crdc_series_uuid), or null when there is none. */
  static String firstSegment(String url) {
    int schemeEnd = url.indexOf("://");
    int bucketEnd = url.indexOf('/', schemeEnd + 3);
    if (schemeEnd < 0 || bucketEnd < 0) {
      return null;
    }
    int segmentEnd = url.indexOf('/', bucketEnd + 1);
    String segment = segmentEnd < 0 ? null : url.substring(bucketEnd + 1, segmentEnd);
    return segment == null || segment.isEmpty() || segment.contains("*") ? null : segment;
  }

  /** The scheme of a URL ("gs" of gs://b/x), or null when the text has no "scheme://" prefix. */
  static String scheme(String text) {
    Matcher m = SCHEME.matcher(text);
    return m.find() ? m.group(1) : null;
  }

  static boolean isBucketUrl(String url) {
    return url.startsWith("s3://") || url.startsWith("gs://");
  }

  /** A DICOMweb series URL as {base, study, series}, or null. */
  static String[] dicomWebSeries(String url) {
    Matcher m = DICOMWEB_SERIES.matcher(url);
    return m.matches() ? new String[] {m.group(1), m.group(2), m.group(3)} : null;
  }

  static boolean isDicomWebStudy(String url) {
    return DICOMWEB_STUDY.matcher(url).matches();
  }

  /**
   * The key of a series folder: "crdc:UUID" when its first path segment is a UUID (IDC's layout, the same in every
   * bucket mirror), else "location:" and the folder.
   */
  static String keyOf(String folder) {
    String segment = firstSegment(folder);
    return segment != null && UUID.matcher(segment).matches() ? "crdc:" + segment.toLowerCase(java.util.Locale.ROOT)
        : "location:" + folder;
  }

  /**
   * A series in an IDC bucket folder: the URL's folder (mapped to GCS when preferred) keyed by its series UUID.
   *
   * @return null when the URL has no series folder
   */
  static SeriesRef bucketSeries(String url, ManifestOptions options, String study, String series, String collection,
      String origin) {
    String uuid = firstSegment(url);
    if (uuid == null) {
      return null;
    }
    String folder = IdcBuckets.resolve(folderOf(url), options.preferGcs());
    return SeriesRef.files(keyOf(folder), folder, study, series, collection, origin);
  }
}
