package io.ctpipe.dicom.seg;

/** Segmentation Type (0062,0001). */
public enum SegmentationType {
  /** One bit per pixel, one frame per segment and slice where the segment is present. */
  BINARY,
  /** 8-bit probability or occupancy per segment (read only in ctpipe). */
  FRACTIONAL,
  /** One frame per slice whose pixel values are segment numbers (Label Map Segmentation Storage). */
  LABELMAP
}
