package io.ctpipe.dicom.seg;

/** Input that cannot become a valid DICOM Segmentation (grid mismatch, undescribed labels, empty label map). */
public class SegmentationException extends Exception {
  public SegmentationException(String message) {
    super(message);
  }
}
