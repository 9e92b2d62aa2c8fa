package io.ctpipe.dicom.seg;

/**
 * Converts sRGB display colours to DICOM's scaled CIELab (PS3.3 C.10.7.1.1): D50 white point, L* 0..100 and
 * a*, b* -128..127 mapped linearly to 0..65535.
 */
public final class CieLab {
  /** sRGB (D65) to XYZ, adapted to D50 with the Bradford transform. */
  private static final double[][] SRGB_TO_XYZ_D50 = {
      {0.4360747, 0.3850649, 0.1430804},
      {0.2225045, 0.7168786, 0.0606169},
      {0.0139322, 0.0971045, 0.7141733}};
  private static final double[] D50 = {0.96422, 1.0, 0.82521};

  private CieLab() {}

  /** DICOM scaled L*, a*, b* for an sRGB colour with components 0..255. */
  public static int[] fromRgb(int[] rgb) {
    double[] linear = new double[3];
    for (int i = 0; i < 3; i++) {
      double c = rgb[i] / 255.0;
      linear[i] = c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
    double[] f = new double[3];
    for (int i = 0; i < 3; i++) {
      double xyz = SRGB_TO_XYZ_D50[i][0] * linear[0] + SRGB_TO_XYZ_D50[i][1] * linear[1]
          + SRGB_TO_XYZ_D50[i][2] * linear[2];
      double t = xyz / D50[i];
      f[i] = t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
    }
    double l = 116 * f[1] - 16;
    double a = 500 * (f[0] - f[1]);
    double b = 200 * (f[1] - f[2]);
    return new int[] {scale(l / 100.0), scale((a + 128) / 255.0), scale((b + 128) / 255.0)};
  }

  private static int scale(double unit) {
    return (int) Math.round(Math.max(0, Math.min(1, unit)) * 65535);
  }
}
