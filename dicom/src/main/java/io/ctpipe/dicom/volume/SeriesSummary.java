package io.ctpipe.dicom.volume;

import java.util.ArrayList;
import java.util.List;

/**
 * The description of one series that {@code ctpipe inspect --json} prints; field names and order are a stable
 * interface for outside tools. Geometry and HU fields are null for a series that could not be assembled.
 */
public record SeriesSummary(String seriesInstanceUid, String studyInstanceUid, String modality, long instances,
    int[] dims, double[] spacing, double[] origin, double[] direction, List<String> transferSyntaxes, Double huMin,
    Double huMax, Double huMean, List<String> flags, long decodeMillis) {

  /** True when the series became a volume (false for a rejected one, which has no grid). */
  public boolean assembled() {
    return dims != null;
  }

  public static SeriesSummary of(CtVolume volume, long decodeMillis) {
    double[] hu = volume.huStatistics();
    return new SeriesSummary(volume.seriesInstanceUid(), volume.studyInstanceUid(), volume.series().modality(),
        volume.series().instanceCount(), volume.dims().clone(), volume.spacing().clone(), volume.origin().clone(),
        volume.direction().clone(), volume.series().transferSyntaxUids(), hu[0], hu[1], hu[2],
        volume.report().asStrings(), decodeMillis);
  }

  /** A series that was rejected: identity fields, its findings and the rejection. */
  public static SeriesSummary rejected(CtSeries series, SeriesRejectedException e, long decodeMillis) {
    List<String> flags = new ArrayList<>();
    series.identityFlags().forEach(f -> flags.add(f.toString()));
    flags.add("REJECTED(" + e.reason() + "): " + e.getMessage());
    return new SeriesSummary(series.seriesInstanceUid(), series.studyInstanceUid(), series.modality(),
        series.instanceCount(), null, null, null, null, series.transferSyntaxUids(), null, null, null, flags,
        decodeMillis);
  }
}
