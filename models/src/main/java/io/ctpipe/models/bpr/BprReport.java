package io.ctpipe.models.bpr;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything body part regression found for one volume: the score curve and its checks, bpreg's body-part
 * outputs, ctpipe's QA (anomalous slices, DICOM Body Part Examined agreement) and stage timings.
 *
 * @param raw network scores per slice (feet → head)
 * @param bodyPartExamined slice indices per region
 * @param tag bpreg's body part examined tag
 */
public record BprReport(BprCard card, BprAxes axes, int resizedRows, int resizedColumns, float[] raw,
    ScoreCurve curve, Map<String, List<Integer>> bodyPartExamined, String tag, SliceAnomalies anomalies,
    BodyPartCheck bodyPartCheck, long preprocessMillis, long inferenceMillis, long postprocessMillis) {

  public int slices() {
    return raw.length;
  }

  /** Length along z covered by each region (slices × spacing), mm. */
  public Map<String, Double> coverageMm() {
    Map<String, Double> out = new LinkedHashMap<>();
    bodyPartExamined.forEach((region, indices) -> out.put(region, indices.size() * curve.dz()));
    return out;
  }
}
