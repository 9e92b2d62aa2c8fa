package io.ctpipe.transforms.manifest;

import java.io.Serializable;

/**
 * How manifest lines become series locations.
 *
 * @param preferGcs turn IDC s3:// URLs into their Google Cloud Storage mirrors
 * @param defaultBucket the IDC bucket of rows that give a crdc_series_uuid but no bucket or URL
 * @param dicomWebUrl the DICOMweb store of rows that give only Study and Series Instance UIDs (null: none)
 */
public record ManifestOptions(boolean preferGcs, String defaultBucket, String dicomWebUrl) implements Serializable {
  public static ManifestOptions defaults() {
    return new ManifestOptions(true, "idc-open-data", null);
  }
}
