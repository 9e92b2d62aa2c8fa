package io.ctpipe.dicom.phantom;

import java.util.Random;

/**
 * A procedural torso in HU, from pelvis (z = 0) to upper chest (z = 1): air around a body ellipse with a
 * subcutaneous fat layer, muscle, spine with spinal canal, ribs, lungs, liver, spleen and kidneys. Coordinates are
 * in mm from the body centre, LPS (+x towards the patient's left, +y posterior). Deterministic per seed.
 */
public final class TorsoPhantom {
  public static final short AIR = -1000;
  public static final short FAT = -100;
  public static final short MUSCLE = 45;
  public static final short LUNG = -850;
  public static final short LIVER = 60;
  public static final short SPLEEN = 50;
  public static final short KIDNEY = 35;
  public static final short BONE = 700;
  public static final short MARROW = 250;
  public static final short CANAL = 15;
  private static final double NOISE_SD = 12;

  private final double bodyHalfWidth;
  private final double bodyHalfDepth;
  private final double jitter;
  private final long seed;

  public TorsoPhantom(long seed) {
    Random random = new Random(seed);
    this.seed = seed;
    this.bodyHalfWidth = 165 + 10 * random.nextDouble();
    this.bodyHalfDepth = 115 + 10 * random.nextDouble();
    this.jitter = 8 * (random.nextDouble() - 0.5);
  }

  /**
   * Fills one axial slice.
   *
   * @param t craniocaudal position, 0 = bottom of the pelvis, 1 = top of the chest
   * @param xs x coordinate (mm) of each column
   * @param ys y coordinate (mm) of each row
   * @param sliceIndex seeds this slice's noise
   * @param out HU, row-major columns × rows
   */
  public void fillSlice(double t, double[] xs, double[] ys, int sliceIndex, short[] out) {
    Random noise = new Random(seed * 1_000_003L + sliceIndex);
    int nx = xs.length;
    for (int r = 0; r < ys.length; r++) {
      for (int c = 0; c < nx; c++) {
        double hu = tissue(xs[c], ys[r], t) + NOISE_SD * noise.nextGaussian();
        out[r * nx + c] = (short) Math.max(-1024, Math.min(3000, Math.round(hu)));
      }
    }
  }

  /**
   * The noiseless phantom on a grid centred on the body, in model order (axis 0 left-right, 1 anterior-posterior,
   * 2 feet-head, axis 2 fastest), each HU mapped through {@code intensity}.
   */
  public float[] sampleModelOrder(int[] size, double spacingMm, java.util.function.DoubleUnaryOperator intensity) {
    float[] v = new float[size[0] * size[1] * size[2]];
    int i = 0;
    for (int x = 0; x < size[0]; x++) {
      for (int y = 0; y < size[1]; y++) {
        for (int z = 0; z < size[2]; z++, i++) {
          v[i] = (float) intensity.applyAsDouble(tissue((x - (size[0] - 1) / 2.0) * spacingMm,
              (y - (size[1] - 1) / 2.0) * spacingMm, (z + 0.5) / size[2]));
        }
      }
    }
    return v;
  }

  /** The noiseless HU at (x, y) mm on level t. */
  public double tissue(double x, double y, double t) {
    double taper = 1.0 - 0.12 * Math.abs(t - 0.45);
    double a = bodyHalfWidth * taper;
    double b = bodyHalfDepth * taper;
    double body = sq(x / a) + sq(y / b);
    if (body > 1) {
      return AIR;
    }
    double inner = sq(x / (a - 15)) + sq(y / (b - 15));
    if (inner > 1) {
      return FAT;
    }
    double spineY = b - 55;
    double vertebra = sq(x / 20) + sq((y - spineY) / 17);
    if (vertebra <= 1) {
      return vertebra > 0.6 ? BONE : MARROW;
    }
    if (sq(x / 8) + sq((y - spineY - 26) / 8) <= 1) {
      return CANAL;
    }
    if (t > 0.55 && isRib(x, y, a - 22, b - 22, t)) {
      return BONE;
    }
    if (t > 0.62) {
      double lungHeight = Math.min(1, (t - 0.62) / 0.1);
      for (int side = -1; side <= 1; side += 2) {
        double lung = sq((x - side * (a * 0.45)) / (a * 0.33 * lungHeight))
            + sq((y + 5) / (b * 0.62 * lungHeight));
        if (lung <= 1) {
          return LUNG;
        }
      }
    }
    if (t > 0.42 && t < 0.66 && ellipsoid(x + a * 0.35 + jitter, y + 5, t - 0.55, a * 0.42, b * 0.6, 0.12)) {
      return LIVER;
    }
    if (t > 0.48 && t < 0.62 && ellipsoid(x - a * 0.55, y - 25, t - 0.55, a * 0.16, b * 0.3, 0.07)) {
      return SPLEEN;
    }
    for (int side = -1; side <= 1; side += 2) {
      if (ellipsoid(x - side * 55, y - spineY + 15, t - 0.44, 24, 32, 0.06)) {
        return KIDNEY;
      }
    }
    return MUSCLE;
  }

  private static boolean isRib(double x, double y, double a, double b, double t) {
    double ring = sq(x / a) + sq(y / b);
    double phase = (t * 30) % 1.0;
    return ring > 0.88 && ring < 1.0 && phase < 0.35 && Math.abs(x) > 20;
  }

  private static boolean ellipsoid(double dx, double dy, double dt, double rx, double ry, double rt) {
    return sq(dx / rx) + sq(dy / ry) + sq(dt / rt) <= 1;
  }

  private static double sq(double v) {
    return v * v;
  }
}
