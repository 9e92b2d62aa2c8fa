package io.ctpipe.dicom.labelmap;

import io.ctpipe.dicom.DicomFormatException;
import java.nio.ByteBuffer;

/** Voxel data types of NIfTI and NRRD label maps, read as integer labels. */
enum VoxelType {
  UINT8(1), INT8(1), UINT16(2), INT16(2), UINT32(4), INT32(4), FLOAT32(4), FLOAT64(8);

  private final int bytes;

  VoxelType(int bytes) {
    this.bytes = bytes;
  }

  int bytes() {
    return bytes;
  }

  static VoxelType ofNifti(int datatype, String source) throws DicomFormatException {
    switch (datatype) {
      case 2: return UINT8;
      case 256: return INT8;
      case 4: return INT16;
      case 512: return UINT16;
      case 8: return INT32;
      case 768: return UINT32;
      case 16: return FLOAT32;
      case 64: return FLOAT64;
      default:
        throw new DicomFormatException(source + ": NIfTI datatype " + datatype + " cannot hold labels");
    }
  }

  static VoxelType ofNrrd(String type, String source) throws DicomFormatException {
    switch (type) {
      case "uchar": case "unsigned char": case "uint8": case "uint8_t": return UINT8;
      case "signed char": case "int8": case "int8_t": return INT8;
      case "short": case "short int": case "signed short": case "int16": case "int16_t": return INT16;
      case "ushort": case "unsigned short": case "uint16": case "uint16_t": return UINT16;
      case "int": case "signed int": case "int32": case "int32_t": return INT32;
      case "uint": case "unsigned int": case "uint32": case "uint32_t": return UINT32;
      case "float": return FLOAT32;
      case "double": return FLOAT64;
      default:
        throw new DicomFormatException(source + ": NRRD type '" + type + "' cannot hold labels");
    }
  }

  /** Reads labels; each must be a whole number in 0..65535 after scaling. */
  int[] readLabels(ByteBuffer b, int offset, int count, double slope, double intercept, String source)
      throws DicomFormatException {
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      double v = value(b, offset + i * bytes) * slope + intercept;
      if (v != Math.rint(v) || v < 0 || v > 65535) {
        throw new DicomFormatException(source + ": voxel " + i + " holds " + v
            + ", not a label (a whole number 0..65535)");
      }
      out[i] = (int) v;
    }
    return out;
  }

  /** Reads intensities (such as HU) after scaling. */
  float[] readValues(ByteBuffer b, int offset, int count, double slope, double intercept) {
    float[] out = new float[count];
    for (int i = 0; i < count; i++) {
      out[i] = (float) (value(b, offset + i * bytes) * slope + intercept);
    }
    return out;
  }

  private double value(ByteBuffer b, int p) {
    return switch (this) {
      case UINT8 -> b.get(p) & 0xFF;
      case INT8 -> b.get(p);
      case UINT16 -> b.getShort(p) & 0xFFFF;
      case INT16 -> b.getShort(p);
      case UINT32 -> b.getInt(p) & 0xFFFFFFFFL;
      case INT32 -> b.getInt(p);
      case FLOAT32 -> b.getFloat(p);
      case FLOAT64 -> b.getDouble(p);
    };
  }
}
