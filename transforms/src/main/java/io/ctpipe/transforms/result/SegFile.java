package io.ctpipe.transforms.result;

/** The DICOM SEG a model's labels were written to: where, and its series and instance UIDs. */
public record SegFile(String path, String seriesInstanceUid, String sopInstanceUid) {}
