package io.ctpipe.dicom.labelmap;

import io.ctpipe.dicom.DicomFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Reads NIfTI-1 images (.nii, .nii.gz) as label maps or as CT intensities. The grid transform comes from the sform
 * (preferred), else the qform, else the voxel sizes; NIfTI's RAS world is converted to DICOM's LPS.
 */
public final class NiftiReader {
  private static final int HEADER_SIZE = 348;

  private NiftiReader() {}

  public static LabelVolume read(Path path) throws IOException {
    return parse(BoundedInput.readMaybeGzipped(path), path.toString(), true).labels();
  }

  /** Reads a CT image: HU after the header's scaling. */
  public static NiftiCtVolume readCt(Path path) throws IOException {
    return parse(BoundedInput.readMaybeGzipped(path), path.toString(), false).ct();
  }

  /** Either result of a parse. */
  private record Parsed(LabelVolume labels, NiftiCtVolume ct) {}

  private static Parsed parse(byte[] bytes, String source, boolean asLabels) throws DicomFormatException {
    if (bytes.length < HEADER_SIZE) {
      throw new DicomFormatException(source + ": " + bytes.length + " bytes is too short for a NIfTI-1 header");
    }
    ByteBuffer h = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (h.getInt(0) != HEADER_SIZE) {
      h.order(ByteOrder.BIG_ENDIAN);
      if (h.getInt(0) != HEADER_SIZE) {
        throw new DicomFormatException(source + ": not a NIfTI-1 file (sizeof_hdr is not 348)");
      }
    }
    int rank = h.getShort(40);
    if (rank < 3 || rank > 7) {
      throw new DicomFormatException(source + ": NIfTI image has " + rank + " dimensions; a label map needs 3");
    }
    int[] dims = {h.getShort(42), h.getShort(44), h.getShort(46)};
    for (int d = 4; d <= rank; d++) {
      if (h.getShort(40 + 2 * d) > 1) {
        throw new DicomFormatException(source + ": NIfTI image has more than one volume (dim[" + d + "] = "
            + h.getShort(40 + 2 * d) + ")");
      }
    }
    if (dims[0] < 1 || dims[1] < 1 || dims[2] < 1) {
      throw new DicomFormatException(source + ": NIfTI dimensions " + dims[0] + "x" + dims[1] + "x" + dims[2]);
    }
    VoxelType type = VoxelType.ofNifti(h.getShort(70), source);
    long voxels = (long) dims[0] * dims[1] * dims[2];
    long offset = (long) h.getFloat(108);
    if (offset < HEADER_SIZE || voxels * type.bytes() > bytes.length - offset) {
      throw new DicomFormatException(source + ": NIfTI data of " + voxels + " voxels × " + type.bytes()
          + " bytes at offset " + offset + " exceeds the file's " + bytes.length + " bytes");
    }
    double slope = h.getFloat(112);
    double intercept = h.getFloat(116);
    double scale = slope == 0 || Double.isNaN(slope) ? 1 : slope;
    double shift = Double.isNaN(intercept) ? 0 : intercept;
    double[] affine = rasToLps(affine(h));
    if (asLabels) {
      return new Parsed(new LabelVolume(dims, type.readLabels(h, (int) offset, (int) voxels, scale, shift, source),
          affine), null);
    }
    return new Parsed(null, NiftiCtVolume.of(dims, type.readValues(h, (int) offset, (int) voxels, scale, shift),
        affine, new double[] {h.getFloat(80), h.getFloat(84), h.getFloat(88)}, source));
  }

  private static double[] affine(ByteBuffer h) {
    int sformCode = h.getShort(254);
    int qformCode = h.getShort(252);
    if (sformCode > 0) {
      double[] a = new double[12];
      for (int i = 0; i < 12; i++) {
        a[i] = h.getFloat(280 + 4 * i);
      }
      return a;
    }
    double[] pixdim = {h.getFloat(80), h.getFloat(84), h.getFloat(88)};
    if (qformCode <= 0) {
      return new double[] {pixdim[0], 0, 0, 0, 0, pixdim[1], 0, 0, 0, 0, pixdim[2], 0};
    }
    double b = h.getFloat(256);
    double c = h.getFloat(260);
    double d = h.getFloat(264);
    double a = Math.sqrt(Math.max(0, 1 - b * b - c * c - d * d));
    double qfac = h.getFloat(76) < 0 ? -1 : 1;
    double[][] r = {
        {a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)},
        {2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b)},
        {2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b}};
    double[] scale = {pixdim[0], pixdim[1], pixdim[2] * qfac};
    double[] offset = {h.getFloat(268), h.getFloat(272), h.getFloat(276)};
    double[] out = new double[12];
    for (int row = 0; row < 3; row++) {
      for (int col = 0; col < 3; col++) {
        out[row * 4 + col] = r[row][col] * scale[col];
      }
      out[row * 4 + 3] = offset[row];
    }
    return out;
  }

  private static double[] rasToLps(double[] a) {
    double[] out = a.clone();
    for (int i = 0; i < 8; i++) {
      out[i] = -a[i];
    }
    return out;
  }
}
