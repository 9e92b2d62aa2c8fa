package io.ctpipe.dicom.seg;

/**
 * Converts between sRGB display colours and DICOM's scaled CIELab (PS3.3 C.10.7.1.1): D50 white point, L* 0..100
 * and a*, b* -128..127 mapped linearly to 0..65535.
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

  /** The sRGB colour (components 0..255, clipped to the gamut) of a DICOM scaled L*, a*, b* value. */
  public static int[] toRgb(int[] dicomLab) {
    double l = dicomLab[0] / 65535.0 * 100;
    double a = dicomLab[1] / 65535.0 * 255 - 128;
    double b = dicomLab[2] / 65535.0 * 255 - 128;
    double fy = (l + 16) / 116;
    double[] f = {fy + a / 500, fy, fy - b / 200};
    double[] xyz = new double[3];
    for (int i = 0; i < 3; i++) {
      double cube = f[i] * f[i] * f[i];
      xyz[i] = (cube > 216.0 / 24389 ? cube : (116 * f[i] - 16) / (24389.0 / 27)) * D50[i];
    }
    double[][] inverse = invert(SRGB_TO_XYZ_D50);
    int[] rgb = new int[3];
    for (int i = 0; i < 3; i++) {
      double linear = inverse[i][0] * xyz[0] + inverse[i][1] * xyz[1] + inverse[i][2] * xyz[2];
      linear = Math.max(0, Math.min(1, linear));
      double c = linear <= 0.0031308 ? 12.92 * linear : 1.055 * Math.pow(linear, 1 / 2.4) - 0.055;
      rgb[i] = (int) Math.round(c * 255);
    }
    return rgb;
  }

  private static double[][] invert(double[][] m) {
    double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    double[][] out = new double[3][3];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        int r1 = (c + 1) % 3;
        int r2 = (c + 2) % 3;
        int c1 = (r + 1) % 3;
        int c2 = (r + 2) % 3;
        out[r][c] = (m[r1][c1] * m[r2][c2] - m[r1][c2] * m[r2][c1]) / det;
      }
    }
    return out;
  }

  private static int scale(double unit) {
    return (int) Math.round(Math.max(0, Math.min(1, unit)) * 65535);
  }
}
