package io.ctpipe.models.bpr;

/**
 * Bilinear resizing of a float image with OpenCV's {@code INTER_LINEAR} rule (as bpreg's albumentations Resize
 * uses): destination d samples source s = (d + 0.5)·(n/m) − 0.5, clamped to the first and last sample, float
 * weights; columns are interpolated first, then rows.
 */
public final class LinearResize {
  private final int[] columnIndex;
  private final float[] columnWeight;
  private final int[] rowIndex;
  private final float[] rowWeight;
  private final int rows;
  private final int columns;
  private final float[] rowBuffer0;
  private final float[] rowBuffer1;

  /** A resize of {@code rows × columns} images (row-major) to {@code newRows × newColumns}. */
  public LinearResize(int rows, int columns, int newRows, int newColumns) {
    if (rows < 1 || columns < 1 || newRows < 1 || newColumns < 1) {
      throw new IllegalArgumentException("cannot resize " + rows + "x" + columns + " to " + newRows + "x"
          + newColumns);
    }
    this.rows = rows;
    this.columns = columns;
    columnIndex = new int[newColumns];
    columnWeight = new float[newColumns];
    rowIndex = new int[newRows];
    rowWeight = new float[newRows];
    taps(columns, newColumns, columnIndex, columnWeight);
    taps(rows, newRows, rowIndex, rowWeight);
    rowBuffer0 = new float[newColumns];
    rowBuffer1 = new float[newColumns];
  }

  private static void taps(int n, int m, int[] index, float[] weight) {
    double scale = 1.0 / ((double) m / n);
    for (int d = 0; d < m; d++) {
      float f = (float) ((d + 0.5) * scale - 0.5);
      int s = (int) Math.floor(f);
      f -= s;
      if (s < 0) {
        s = 0;
        f = 0;
      }
      if (s >= n - 1) {
        s = n - 1;
        f = 0;
      }
      index[d] = s;
      weight[d] = f;
    }
  }

  /** Resizes {@code src} (rows × columns) into {@code dst} (newRows × newColumns), both row-major. */
  public void apply(float[] src, float[] dst) {
    int newColumns = columnIndex.length;
    int cachedRow0 = -1;
    for (int d = 0; d < rowIndex.length; d++) {
      int r0 = rowIndex[d];
      int r1 = Math.min(r0 + 1, rows - 1);
      if (r0 != cachedRow0) {
        horizontal(src, r0, rowBuffer0);
        horizontal(src, r1, rowBuffer1);
        cachedRow0 = r0;
      }
      float b1 = rowWeight[d];
      float b0 = 1f - b1;
      for (int c = 0; c < newColumns; c++) {
        dst[d * newColumns + c] = rowBuffer0[c] * b0 + rowBuffer1[c] * b1;
      }
    }
  }

  private void horizontal(float[] src, int row, float[] out) {
    int base = row * columns;
    for (int c = 0; c < columnIndex.length; c++) {
      int s = columnIndex[c];
      float a1 = columnWeight[c];
      float a0 = 1f - a1;
      out[c] = a1 == 0 ? src[base + s] * a0 : src[base + s] * a0 + src[base + s + 1] * a1;
    }
  }
}
