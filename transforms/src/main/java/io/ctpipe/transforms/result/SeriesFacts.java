package io.ctpipe.transforms.result;

import java.util.List;

/**
 * What a decoded series is: where it came from, its identity and grid, its geometry flags and DICOM Body Part
 * Examined, and what fetching it took.
 *
 * @param seriesKey crdc:&lt;crdc_series_uuid&gt;, uid:&lt;SeriesInstanceUID&gt; or location:&lt;prefix&gt;
 * @param origin the manifest and line
 * @param sourceLocation where the instances were read: folder, object prefix or DICOMweb base URL
 */
public record SeriesFacts(Provenance provenance, String seriesKey, String origin, String collectionId,
    String sourceLocation, String studyInstanceUid, String seriesInstanceUid, String modality, int instanceCount,
    Grid grid, List<String> geometryFlags, String dicomBodyPartExamined, long fetchedBytes, int fetchRetries) {
  public SeriesFacts {
    geometryFlags = List.copyOf(geometryFlags);
  }
}
