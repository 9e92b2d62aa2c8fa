package io.ctpipe.transforms.manifest;

import java.util.Map;

/**
 * IDC's public buckets: the AWS bucket names in s5cmd manifests and their Google Cloud Storage mirrors (same object
 * names; idc-index's mapping). IDC manifests use the s3:// scheme even for GCS downloads.
 */
public final class IdcBuckets {
  private static final Map<String, String> AWS_TO_GCS = Map.of(
      "idc-open-data", "idc-open-data",
      "idc-open-data-two", "idc-open-idc1",
      "idc-open-data-cr", "idc-open-cr");

  private IdcBuckets() {}

  /** True for IDC's public Google Cloud Storage buckets, which anyone may read without credentials. */
  public static boolean isPublicGcs(String bucket) {
    return AWS_TO_GCS.containsValue(bucket);
  }

  /**
   * The URL a fetch should use: with {@code preferGcs}, s3://BUCKET/... becomes gs://MIRROR/... (an unknown bucket
   * keeps its name); otherwise the URL is returned as it is.
   */
  public static String resolve(String url, boolean preferGcs) {
    if (!preferGcs || !url.startsWith("s3://")) {
      return url;
    }
    String rest = url.substring("s3://".length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "" : rest.substring(slash);
    return "gs://" + AWS_TO_GCS.getOrDefault(bucket, bucket) + path;
  }
}
