package io.ctpipe.dicom.seg;

/** A segment as read from a SEG's Segment Sequence. */
public record SegmentInfo(int number, String label, CodedConcept category, CodedConcept type,
    CodedConcept modifier) {}
