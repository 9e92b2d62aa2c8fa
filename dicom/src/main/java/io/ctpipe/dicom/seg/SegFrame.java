package io.ctpipe.dicom.seg;

/**
 * Where one SEG frame belongs.
 *
 * @param segmentNumber the frame's segment (BINARY, FRACTIONAL), or 0 for LABELMAP frames
 * @param referencedSopInstanceUid the source image it was derived from, or null when not given
 * @param referencedFrame 1-based frame of a multi-frame source, or 0
 * @param position ImagePositionPatient of the frame, or null when not given
 */
public record SegFrame(int segmentNumber, String referencedSopInstanceUid, int referencedFrame,
    double[] position) {}
