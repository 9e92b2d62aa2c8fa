package io.ctpipe.dicom.labelmap;

import io.ctpipe.dicom.DicomFormatException;
import io.ctpipe.dicom.volume.HuVolume;
import io.ctpipe.dicom.volume.LabelMap;
import java.io.IOException;
import java.nio.file.Path;

/** Reads a label map file (.nii, .nii.gz, .nrrd) and places it on a CT volume's grid (DICOM or NIfTI). */
public final class LabelMapFiles {
  /** Voxel centres that land farther than this (in voxels) from the file's grid are outside it. */
  private static final double TOLERANCE = 0.01;

  private LabelMapFiles() {}

  public static LabelVolume read(Path path) throws IOException {
    String name = path.getFileName().toString().toLowerCase();
    if (name.endsWith(".nii") || name.endsWith(".nii.gz")) {
      return NiftiReader.read(path);
    }
    if (name.endsWith(".nrrd")) {
      return NrrdReader.read(path);
    }
    throw new DicomFormatException(path + ": label maps are read from .nii, .nii.gz or .nrrd files");
  }

  /**
   * Samples the label volume at every CT voxel centre (nearest neighbour in the file's grid). The grids must
   * coincide: a CT voxel whose centre is not on a file voxel centre, or outside the file's grid, is an error.
   */
  public static LabelMap onGrid(LabelVolume file, HuVolume ct) throws DicomFormatException {
    double[] inverse = invert(file.affine());
    int nx = ct.dims()[0];
    int ny = ct.dims()[1];
    LabelMap out = LabelMap.empty(ct.dims());
    double[] d = ct.direction();
    double sx = ct.spacing()[0];
    double sy = ct.spacing()[1];
    int index = 0;
    for (int z = 0; z < ct.dims()[2]; z++) {
      double[] p0 = ct.slicePosition(z);
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++, index++) {
          double wx = p0[0] + x * sx * d[0] + y * sy * d[3];
          double wy = p0[1] + x * sx * d[1] + y * sy * d[4];
          double wz = p0[2] + x * sx * d[2] + y * sy * d[5];
          double[] ijk = apply(inverse, wx, wy, wz);
          int[] voxel = new int[3];
          for (int a = 0; a < 3; a++) {
            voxel[a] = (int) Math.round(ijk[a]);
            if (Math.abs(ijk[a] - voxel[a]) > TOLERANCE || voxel[a] < 0 || voxel[a] >= file.dims()[a]) {
              throw new DicomFormatException(String.format("CT voxel (%d, %d, %d) lies at label map voxel "
                  + "(%.2f, %.2f, %.2f): the label map is not on the CT grid (file grid %dx%dx%d)", x, y, z,
                  ijk[0], ijk[1], ijk[2], file.dims()[0], file.dims()[1], file.dims()[2]));
            }
          }
          out.set(index, file.label(voxel[0], voxel[1], voxel[2]));
        }
      }
    }
    return out;
  }

  private static double[] apply(double[] m, double x, double y, double z) {
    return new double[] {m[0] * x + m[1] * y + m[2] * z + m[3], m[4] * x + m[5] * y + m[6] * z + m[7],
        m[8] * x + m[9] * y + m[10] * z + m[11]};
  }

  /** Inverse of a 3×4 affine. */
  private static double[] invert(double[] a) throws DicomFormatException {
    double det = a[0] * (a[5] * a[10] - a[6] * a[9]) - a[1] * (a[4] * a[10] - a[6] * a[8])
        + a[2] * (a[4] * a[9] - a[5] * a[8]);
    if (Math.abs(det) < 1e-12) {
      throw new DicomFormatException("label map grid transform is singular");
    }
    double[] r = new double[12];
    r[0] = (a[5] * a[10] - a[6] * a[9]) / det;
    r[1] = (a[2] * a[9] - a[1] * a[10]) / det;
    r[2] = (a[1] * a[6] - a[2] * a[5]) / det;
    r[4] = (a[6] * a[8] - a[4] * a[10]) / det;
    r[5] = (a[0] * a[10] - a[2] * a[8]) / det;
    r[6] = (a[2] * a[4] - a[0] * a[6]) / det;
    r[8] = (a[4] * a[9] - a[5] * a[8]) / det;
    r[9] = (a[1] * a[8] - a[0] * a[9]) / det;
    r[10] = (a[0] * a[5] - a[1] * a[4]) / det;
    for (int row = 0; row < 3; row++) {
      r[row * 4 + 3] = -(r[row * 4] * a[3] + r[row * 4 + 1] * a[7] + r[row * 4 + 2] * a[11]);
    }
    return r;
  }
}
