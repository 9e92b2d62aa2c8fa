package io.ctpipe.transforms.manifest;

import io.ctpipe.dicom.UidGrammar;
import java.io.Serializable;
import java.util.Objects;

/**
 * One unit of work: a CT series named by a manifest, and where its instances are.
 *
 * @param key identity used to deduplicate references and name per-series results: the IDC series version
 *     (crdc_series_uuid) when known, else the SeriesInstanceUID, else the location
 * @param source how the instances are fetched
 * @param location for {@link Source#FILES} a folder or object prefix (file path, file://, gs://, s3://) whose objects
 *     are the series' instances; for {@link Source#DICOMWEB} the DICOMweb base URL
 * @param studyInstanceUid the study, when the manifest gives it (for DICOMweb, found by QIDO-RS when absent)
 * @param seriesInstanceUid the series, when the manifest gives it (required for DICOMweb, where both UIDs must be
 *     valid DICOM UIDs)
 * @param collectionId the IDC collection, or null
 * @param origin the manifest and line the reference came from ("cohort.s5cmd:12")
 */
public record SeriesRef(String key, Source source, String location, String studyInstanceUid,
    String seriesInstanceUid, String collectionId, String origin) implements Serializable {

  /** Where the instances come from. */
  public enum Source { FILES, DICOMWEB }

  public SeriesRef {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(location, "location");
    if (source == Source.DICOMWEB && seriesInstanceUid == null) {
      throw new IllegalArgumentException("a DICOMweb series needs its Series Instance UID");
    }
    if (source == Source.DICOMWEB) {
      // they become parts of request URLs
      UidGrammar.require("SeriesInstanceUID", seriesInstanceUid);
      if (studyInstanceUid != null) {
        UidGrammar.require("StudyInstanceUID", studyInstanceUid);
      }
    }
  }

  /** A series whose instances are the objects below a folder or prefix. */
  public static SeriesRef files(String key, String prefix, String study, String series, String collection,
      String origin) {
    return new SeriesRef(key, Source.FILES, prefix, study, series, collection, origin);
  }

  /** A series in a DICOMweb store. */
  public static SeriesRef dicomWeb(String baseUrl, String study, String series, String collection, String origin) {
    return new SeriesRef("uid:" + series, Source.DICOMWEB, baseUrl, study, series, collection, origin);
  }
}
