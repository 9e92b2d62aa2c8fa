package io.ctpipe.models.bpr;

import io.ctpipe.dicom.volume.HuVolume;
import java.util.Arrays;

/**
 * bpreg's preprocessing of each slice: HU clipped to [−1000, 1500] and scaled to [−1, 1]; an anti-aliasing
 * Gaussian blur per in-plane axis with σ = 0.8·0.25/f input pixels (f = new size / old size, truncate 3, reflect);
 * an OpenCV-rule bilinear resize to 3.5 mm pixels (new size floor(n·spacing/3.5 + 0.5)); padding with −1 or
 * centre-cropping to 128×128. Slices are processed one at a time, so memory is the output plus one slice.
 */
public final class BprPreprocessor {
  public static final int SIZE = 128;
  public static final double PIXEL_MM = 3.5;
  static final double HU_MIN = -1000;
  static final double HU_MAX = 1500;
  private static final double BLUR_SIGMA = 0.8 * 0.25;
  private static final double BLUR_TRUNCATE = 3;

  private BprPreprocessor() {}

  /** In-plane size after resizing n pixels of the given spacing to 3.5 mm pixels. */
  static int resizedSize(int n, double spacing) {
    return (int) Math.floor(n / (PIXEL_MM / spacing) + 0.5);
  }

  /**
   * HU → network input: clipped and scaled linearly so that −1000 → −1 and 1500 → 1, rounded to float32 after each
   * step as bpreg's numpy expression {@code (v - (-1000)) * (1 - (-1)) / (1500 - (-1000)) + (-1)} does on float32
   * data, so every input value equals bpreg's bit for bit.
   */
  static float scaled(float hu) {
    float clipped = Math.min((float) HU_MAX, Math.max((float) HU_MIN, hu));
    float shifted = clipped - (float) HU_MIN;
    float stretched = shifted * 2f;
    float divided = stretched / (float) (HU_MAX - HU_MIN);
    return divided + -1f;
  }

  public static BprSlices prepare(HuVolume volume) throws BodyPartRegressionException {
    BprAxes axes = BprAxes.of(volume);
    int rows = axes.rows();
    int columns = axes.columns();
    int newRows = resizedSize(rows, axes.rowSpacing());
    int newColumns = resizedSize(columns, axes.columnSpacing());
    if (newRows < 2 || newColumns < 2) {
      throw new BodyPartRegressionException("a " + rows + "x" + columns + " slice of " + axes.rowSpacing() + "x"
          + axes.columnSpacing() + " mm pixels is " + newRows + "x" + newColumns + " pixels at " + PIXEL_MM
          + " mm; body part regression needs at least 2x2");
    }
    GaussianFilter1d rowBlur = new GaussianFilter1d(BLUR_SIGMA * rows / newRows, BLUR_TRUNCATE);
    GaussianFilter1d columnBlur = new GaussianFilter1d(BLUR_SIGMA * columns / newColumns, BLUR_TRUNCATE);
    LinearResize resize = new LinearResize(rows, columns, newRows, newColumns);
    double[] line = new double[Math.max(rows + 2 * rowBlur.radius(), columns + 2 * columnBlur.radius())];
    float[] slice = new float[rows * columns];
    float[] resized = new float[newRows * newColumns];
    int count = axes.slices();
    float[] out = new float[count * SIZE * SIZE];
    Arrays.fill(out, -1f);
    for (int s = 0; s < count; s++) {
      read(volume, axes, s, slice);
      for (int c = 0; c < columns; c++) {
        rowBlur.apply(slice, slice, c, columns, rows, line);
      }
      for (int r = 0; r < rows; r++) {
        columnBlur.apply(slice, slice, r * columns, 1, columns, line);
      }
      if (newRows == rows && newColumns == columns) {
        System.arraycopy(slice, 0, resized, 0, slice.length);
      } else {
        resize.apply(slice, resized);
      }
      place(resized, newRows, newColumns, out, s * SIZE * SIZE);
    }
    return new BprSlices(out, count, axes, newRows, newColumns);
  }

  private static void read(HuVolume volume, BprAxes axes, int s, float[] slice) {
    int origin = axes.sliceOrigin(s);
    int rowStride = axes.rowStride();
    int columnStride = axes.columnStride();
    int columns = axes.columns();
    for (int r = 0; r < axes.rows(); r++) {
      int index = origin + r * rowStride;
      for (int c = 0; c < columns; c++, index += columnStride) {
        slice[r * columns + c] = scaled(volume.hu(index));
      }
    }
  }

  /** Pads (extra pixel after) or centre-crops a rows × columns image into the 128×128 target at {@code offset}. */
  private static void place(float[] image, int rows, int columns, float[] out, int offset) {
    int dstRow = Math.max(0, (SIZE - rows) / 2);
    int srcRow = Math.max(0, (rows - SIZE) / 2);
    int dstColumn = Math.max(0, (SIZE - columns) / 2);
    int srcColumn = Math.max(0, (columns - SIZE) / 2);
    int copyRows = Math.min(rows, SIZE);
    int copyColumns = Math.min(columns, SIZE);
    for (int r = 0; r < copyRows; r++) {
      System.arraycopy(image, (srcRow + r) * columns + srcColumn, out, offset + (dstRow + r) * SIZE + dstColumn,
          copyColumns);
    }
  }
}
