package io.ctpipe.models.qa;

/** One labelled structure: its value in the label map, its name and what it measures. */
public record Segment(int labelValue, StructureName name, StructureFacts facts) {
  /** Left-right coordinate of the centroid, LPS mm (larger is further to the patient's left). */
  public double leftMm() {
    return facts.centroidMm()[0];
  }

  /** Superior-inferior coordinate of the centroid, LPS mm (larger is further superior). */
  public double superiorMm() {
    return facts.centroidMm()[2];
  }
}
