package io.ctpipe.dicom.volume;

import io.ctpipe.dicom.pixel.PixelFormat;

/**
 * Fills a volume with HU = stored × slope + intercept, slice by slice. Starts as int16 when every rescale is
 * integral and switches to float32 (converting what was written) the first time a value does not fit.
 */
final class HuWriter {
  private final int voxels;
  private short[] int16;
  private float[] floats;

  HuWriter(int voxels, boolean integralRescale) {
    this.voxels = voxels;
    if (integralRescale) {
      int16 = new short[voxels];
    } else {
      floats = new float[voxels];
    }
  }

  void writeSlice(int z, short[] stored, PixelFormat format, double slope, double intercept) {
    int n = stored.length;
    int base = z * n;
    if (int16 != null) {
      int islope = (int) slope;
      int iintercept = (int) intercept;
      long lowest = Math.min((long) format.minValue() * islope, (long) format.maxValue() * islope) + iintercept;
      long highest = Math.max((long) format.minValue() * islope, (long) format.maxValue() * islope) + iintercept;
      if (lowest >= Short.MIN_VALUE && highest <= Short.MAX_VALUE) {
        writeShorts(base, stored, format, islope, iintercept);
        return;
      }
      for (int i = 0; i < n; i++) {
        int v = format.value(stored[i]) * islope + iintercept;
        if (v != (short) v) {
          switchToFloat();
          writeFloats(base, stored, format, slope, intercept);
          return;
        }
        int16[base + i] = (short) v;
      }
    } else {
      writeFloats(base, stored, format, slope, intercept);
    }
  }

  /** The common case: every possible stored value maps into int16, so no per-voxel range check. */
  private void writeShorts(int base, short[] stored, PixelFormat format, int slope, int intercept) {
    int shift = 32 - format.bitsStored();
    short[] target = int16;
    if (format.signed()) {
      for (int i = 0; i < stored.length; i++) {
        target[base + i] = (short) (((stored[i] << shift) >> shift) * slope + intercept);
      }
    } else {
      for (int i = 0; i < stored.length; i++) {
        target[base + i] = (short) (((stored[i] << shift) >>> shift) * slope + intercept);
      }
    }
  }

  private void writeFloats(int base, short[] stored, PixelFormat format, double slope, double intercept) {
    for (int i = 0; i < stored.length; i++) {
      floats[base + i] = (float) (format.value(stored[i]) * slope + intercept);
    }
  }

  private void switchToFloat() {
    floats = new float[voxels];
    for (int i = 0; i < voxels; i++) {
      floats[i] = int16[i];
    }
    int16 = null;
  }

  short[] int16() {
    return int16;
  }

  float[] floats() {
    return floats;
  }
}
