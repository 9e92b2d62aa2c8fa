package io.ctpipe.dicom.seg;

/**
 * Segment Algorithm Type (0062,0008): who drew the segments. AUTOMATIC is for model output only; a label map drawn
 * or corrected by a person is MANUAL or SEMIAUTOMATIC.
 */
public enum SegmentAlgorithmType {
  MANUAL, SEMIAUTOMATIC, AUTOMATIC
}
