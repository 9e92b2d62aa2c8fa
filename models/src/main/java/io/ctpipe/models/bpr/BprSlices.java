package io.ctpipe.models.bpr;

/**
 * Preprocessed slices ready for the network: {@code count} images of 128×128 float32 (row-major, slice after
 * slice, feet → head), and how they were made.
 *
 * @param resizedRows rows after resizing to 3.5 mm pixels, before padding or cropping to 128
 * @param resizedColumns columns after resizing, before padding or cropping
 */
public record BprSlices(float[] pixels, int count, BprAxes axes, int resizedRows, int resizedColumns) {
  public double sliceSpacing() {
    return axes.sliceSpacing();
  }
}
