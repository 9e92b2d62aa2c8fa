package io.ctpipe.dicom.seg;

/**
 * A segment as read from a SEG's Segment Sequence.
 *
 * @param displayCieLab Recommended Display CIELab Value (DICOM scaled L*, a*, b*), or null when absent
 */
public record SegmentInfo(int number, String label, CodedConcept category, CodedConcept type,
    CodedConcept modifier, int[] displayCieLab) {}
