package io.ctpipe.dicom.pixel;

import io.ctpipe.dicom.DicomDataset;
import io.ctpipe.dicom.DicomFormatException;
import io.ctpipe.dicom.Tag;

/** The Image Pixel module facts needed to decode one frame. */
public record PixelFormat(int rows, int columns, int samplesPerPixel, int bitsAllocated, int bitsStored,
    int highBit, boolean signed, String photometric, int frames) {

  /** Largest frame ctpipe decodes: 2^26 pixels (8192 × 8192). */
  public static final long MAX_PIXELS_PER_FRAME = 1L << 26;

  /** The same format with another frame count. */
  public PixelFormat withFrames(int count) {
    return new PixelFormat(rows, columns, samplesPerPixel, bitsAllocated, bitsStored, highBit, signed, photometric,
        count);
  }

  public int pixelsPerFrame() {
    return rows * columns;
  }

  /** Reads and checks the Image Pixel module of a data set. */
  public static PixelFormat of(DicomDataset ds) throws DicomFormatException {
    int rows = ds.intValue(Tag.ROWS, 0);
    int columns = ds.intValue(Tag.COLUMNS, 0);
    int samples = ds.intValue(Tag.SAMPLES_PER_PIXEL, 1);
    int allocated = ds.intValue(Tag.BITS_ALLOCATED, 0);
    int stored = ds.intValue(Tag.BITS_STORED, allocated);
    int high = ds.intValue(Tag.HIGH_BIT, stored - 1);
    boolean signed = ds.intValue(Tag.PIXEL_REPRESENTATION, 0) == 1;
    String photometric = ds.string(Tag.PHOTOMETRIC_INTERPRETATION, "MONOCHROME2");
    int frames = Math.max(1, ds.intValue(Tag.NUMBER_OF_FRAMES, 1));
    if (rows <= 0 || columns <= 0) {
      throw new DicomFormatException("image has " + rows + " rows and " + columns + " columns");
    }
    if ((long) rows * columns > MAX_PIXELS_PER_FRAME) {
      throw new DicomFormatException(rows + "x" + columns + " pixels per frame exceeds the limit of "
          + MAX_PIXELS_PER_FRAME);
    }
    if (samples != 1) {
      throw new DicomFormatException("SamplesPerPixel " + samples + " (" + photometric
          + "): ctpipe reads single-sample (grayscale) CT images only");
    }
    if (allocated != 1 && allocated != 8 && allocated != 16) {
      throw new DicomFormatException("BitsAllocated " + allocated + ": ctpipe reads 1-, 8- and 16-bit pixels");
    }
    if (stored < 1 || stored > allocated || high != stored - 1) {
      throw new DicomFormatException("BitsStored " + stored + " / HighBit " + high + " with BitsAllocated "
          + allocated + ": ctpipe reads pixel values aligned at bit 0");
    }
    return new PixelFormat(rows, columns, samples, allocated, stored, high, signed, photometric, frames);
  }

  /**
   * Interprets a decoded sample: the low BitsStored bits, sign-extended for signed data. Bits above BitsStored
   * (overlays, garbage) are ignored, so decoders may leave them in place.
   */
  public int value(short raw) {
    int shift = 32 - bitsStored;
    return signed ? (raw << shift) >> shift : (raw << shift) >>> shift;
  }

  /** Smallest value {@link #value} can return. */
  public int minValue() {
    return signed ? -(1 << (bitsStored - 1)) : 0;
  }

  /** Largest value {@link #value} can return. */
  public int maxValue() {
    return signed ? (1 << (bitsStored - 1)) - 1 : (1 << bitsStored) - 1;
  }
}
