package io.ctpipe.pipeline.bench;

import io.ctpipe.dicom.volume.HuVolume;

/**
 * A CT made larger for a benchmark: padded in-plane with air (−1024 HU) to a square field of view, and repeated
 * {@code stack} times along the slice axis (a longer body from one CT). Geometry stays consistent: the origin moves
 * back by the padding along the row and column directions.
 */
record BenchCt(HuVolume source, int padX, int padY, int stack) implements HuVolume {
  static final float AIR_HU = -1024f;

  /** {@code source} padded to at least {@code fovMm} in-plane (0: no padding) and stacked {@code stack} times. */
  static BenchCt of(HuVolume source, double fovMm, int stack) {
    if (stack < 1) {
      throw new IllegalArgumentException("--stack must be at least 1, got " + stack);
    }
    if (!(fovMm >= 0)) {
      throw new IllegalArgumentException("--fov must be a field of view in mm (0 for none), got " + fovMm);
    }
    int[] d = source.dims();
    double[] s = source.spacing();
    int padX = Math.max(0, (int) Math.ceil((fovMm / s[0] - d[0]) / 2));
    int padY = Math.max(0, (int) Math.ceil((fovMm / s[1] - d[1]) / 2));
    long voxels = (long) (d[0] + 2 * padX) * (d[1] + 2 * padY) * d[2] * stack;
    if (voxels > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("--fov " + fovMm + " and --stack " + stack + " make " + voxels
          + " voxels, more than one array holds");
    }
    return new BenchCt(source, padX, padY, stack);
  }

  @Override
  public int[] dims() {
    int[] d = source.dims();
    return new int[] {d[0] + 2 * padX, d[1] + 2 * padY, d[2] * stack};
  }

  @Override
  public double[] spacing() {
    return source.spacing();
  }

  @Override
  public double[] origin() {
    double[] o = source.origin().clone();
    double[] dir = source.direction();
    double[] s = source.spacing();
    for (int a = 0; a < 3; a++) {
      o[a] -= padX * s[0] * dir[a] + padY * s[1] * dir[3 + a];
    }
    return o;
  }

  @Override
  public double[] direction() {
    return source.direction();
  }

  @Override
  public float hu(int index) {
    int[] out = dims();
    int x = index % out[0];
    int y = (index / out[0]) % out[1];
    int z = index / (out[0] * out[1]);
    int[] d = source.dims();
    int sx = x - padX;
    int sy = y - padY;
    if (sx < 0 || sx >= d[0] || sy < 0 || sy >= d[1]) {
      return AIR_HU;
    }
    return source.hu(sx + d[0] * (sy + d[1] * (z % d[2])));
  }
}
