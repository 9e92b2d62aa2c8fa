package io.ctpipe.models.qa;

/** How much a raised flag says about the segmentation, least to most. */
public enum Severity {
  /** A fact worth knowing (a long structure cut by the scan's end). */
  INFO,
  /** Possibly wrong, possibly disease or coverage: look at it. */
  WARNING,
  /** Anatomically impossible for a correct segmentation. */
  ERROR
}
