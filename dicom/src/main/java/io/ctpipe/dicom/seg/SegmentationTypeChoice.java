package io.ctpipe.dicom.seg;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.ctpipe.dicom.EnumChoices;

/** What a user asks for: BINARY, LABELMAP, or AUTO (LABELMAP above a number of segments). */
public enum SegmentationTypeChoice {
  AUTO, BINARY, LABELMAP;

  /** AUTO's default threshold: above 32 segments a label map is far smaller than one bit-plane per segment. */
  public static final int DEFAULT_LABELMAP_ABOVE = 32;

  /** Parses a constant's name in any case, with a message naming the choices (also how Beam options read it). */
  @JsonCreator
  public static SegmentationTypeChoice parse(String text) {
    return EnumChoices.parse(SegmentationTypeChoice.class, "SEG type", text);
  }

  /** The type for this many segments: AUTO writes LABELMAP above the threshold. */
  public SegmentationType resolve(int segments, int labelMapAbove) {
    return switch (this) {
      case BINARY -> SegmentationType.BINARY;
      case LABELMAP -> SegmentationType.LABELMAP;
      case AUTO -> segments > labelMapAbove ? SegmentationType.LABELMAP : SegmentationType.BINARY;
    };
  }
}
