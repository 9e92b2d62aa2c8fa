package io.ctpipe.dicom.labelmap;

import io.ctpipe.dicom.volume.HuVolume;
import io.ctpipe.dicom.volume.LabelMap;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a label map on a CT's grid as NIfTI-1 (.nii.gz when the name ends so): uint8 when every label fits, else
 * uint16; voxel order as the CT (x fastest); sform and qform both set from the CT geometry in NIfTI's RAS world.
 */
public final class NiftiWriter {
  private NiftiWriter() {}

  public static void write(LabelMap labels, HuVolume grid, Path path) throws IOException {
    int[] d = labels.dims();
    int max = 0;
    for (short v : labels.labels()) {
      max = Math.max(max, v & 0xFFFF);
    }
    boolean bytes = max <= 255;
    ByteBuffer h = ByteBuffer.allocate(352).order(ByteOrder.LITTLE_ENDIAN);
    h.putInt(0, 348);
    h.putShort(40, (short) 3);
    for (int a = 0; a < 3; a++) {
      h.putShort(42 + 2 * a, (short) d[a]);
    }
    for (int a = 3; a < 7; a++) {
      h.putShort(42 + 2 * a, (short) 1);
    }
    h.putShort(70, (short) (bytes ? 2 : 512));
    h.putShort(72, (short) (bytes ? 8 : 16));
    double[] dir = grid.direction();
    double det = dir[0] * (dir[4] * dir[8] - dir[5] * dir[7]) - dir[1] * (dir[3] * dir[8] - dir[5] * dir[6])
        + dir[2] * (dir[3] * dir[7] - dir[4] * dir[6]);
    double qfac = det < 0 ? -1 : 1;
    h.putFloat(76, (float) qfac);
    for (int a = 0; a < 3; a++) {
      h.putFloat(80 + 4 * a, (float) grid.spacing()[a]);
    }
    h.putFloat(108, 352f);
    h.putFloat(112, 1f);
    h.put(123, (byte) 2); // xyzt_units: mm
    h.putShort(252, (short) 1);
    h.putShort(254, (short) 1);
    // RAS = LPS with x and y negated; columns of the 3x3 are the axis directions scaled by spacing
    double[][] r = new double[3][3];
    for (int col = 0; col < 3; col++) {
      for (int row = 0; row < 3; row++) {
        double lps = dir[3 * col + row];
        r[row][col] = row < 2 ? -lps : lps;
      }
    }
    double[] origin = {-grid.origin()[0], -grid.origin()[1], grid.origin()[2]};
    double[] q = quaternion(r, qfac);
    h.putFloat(256, (float) q[1]);
    h.putFloat(260, (float) q[2]);
    h.putFloat(264, (float) q[3]);
    for (int row = 0; row < 3; row++) {
      h.putFloat(268 + 4 * row, (float) origin[row]);
      for (int col = 0; col < 3; col++) {
        h.putFloat(280 + 16 * row + 4 * col, (float) (r[row][col] * grid.spacing()[col]));
      }
      h.putFloat(280 + 16 * row + 12, (float) origin[row]);
    }
    h.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1');
    ByteBuffer data = ByteBuffer.allocate(labels.labels().length * (bytes ? 1 : 2)).order(ByteOrder.LITTLE_ENDIAN);
    for (short v : labels.labels()) {
      if (bytes) {
        data.put((byte) v);
      } else {
        data.putShort(v);
      }
    }
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (OutputStream out = path.toString().endsWith(".gz")
        ? new GZIPOutputStream(Files.newOutputStream(path), 1 << 16) : Files.newOutputStream(path)) {
      out.write(h.array());
      out.write(data.array());
    }
  }

  /** Quaternion (a, b, c, d) of a rotation, after removing qfac from the third column (NIfTI-1 method). */
  private static double[] quaternion(double[][] m, double qfac) {
    double[][] r = new double[3][3];
    for (int i = 0; i < 3; i++) {
      r[i][0] = m[i][0];
      r[i][1] = m[i][1];
      r[i][2] = m[i][2] * qfac;
    }
    double a = 1.0 + r[0][0] + r[1][1] + r[2][2];
    double b;
    double c;
    double d;
    if (a > 0.5) {
      a = 0.5 * Math.sqrt(a);
      b = 0.25 * (r[2][1] - r[1][2]) / a;
      c = 0.25 * (r[0][2] - r[2][0]) / a;
      d = 0.25 * (r[1][0] - r[0][1]) / a;
    } else {
      double xd = 1.0 + r[0][0] - (r[1][1] + r[2][2]);
      double yd = 1.0 + r[1][1] - (r[0][0] + r[2][2]);
      double zd = 1.0 + r[2][2] - (r[0][0] + r[1][1]);
      if (xd > 1.0) {
        b = 0.5 * Math.sqrt(xd);
        c = 0.25 * (r[0][1] + r[1][0]) / b;
        d = 0.25 * (r[0][2] + r[2][0]) / b;
        a = 0.25 * (r[2][1] - r[1][2]) / b;
      } else if (yd > 1.0) {
        c = 0.5 * Math.sqrt(yd);
        b = 0.25 * (r[0][1] + r[1][0]) / c;
        d = 0.25 * (r[1][2] + r[2][1]) / c;
        a = 0.25 * (r[0][2] - r[2][0]) / c;
      } else {
        d = 0.5 * Math.sqrt(zd);
        b = 0.25 * (r[0][2] + r[2][0]) / d;
        c = 0.25 * (r[1][2] + r[2][1]) / d;
        a = 0.25 * (r[1][0] - r[0][1]) / d;
      }
      if (a < 0) {
        b = -b;
        c = -c;
        d = -d;
        a = -a;
      }
    }
    return new double[] {a, b, c, d};
  }
}
