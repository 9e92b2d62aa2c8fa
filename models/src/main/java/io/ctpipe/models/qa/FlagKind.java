package io.ctpipe.models.qa;

/** What a plausibility check judges (docs/segmentation-qa.md). */
public enum FlagKind {
  LATERALITY, FRAGMENTED, TRUNCATED, VOLUME, ORDER
}
