package io.ctpipe.dicom.pixel;

import io.ctpipe.dicom.DicomFormatException;
import java.nio.ByteBuffer;

/**
 * Decodes a single-component JPEG-LS frame (transfer syntaxes 1.2.840.10008.1.2.4.80 lossless and .81
 * near-lossless): reads the marker segments (SOF55, LSE preset parameters, SOS) and hands the scan to
 * {@link JpegLsScanDecoder}. Mapping tables, restart intervals and multi-component frames are refused by name.
 */
final class JpegLsFrameDecoder implements FrameDecoder {
  private static final int SOF55 = 0xF7;
  private static final int LSE = 0xF8;
  private static final int SOI = 0xD8;
  private static final int SOS = 0xDA;
  private static final int DRI = 0xDD;
  private static final int DNL = 0xDC;
  private static final int EOI = 0xD9;

  @Override
  public void decode(ByteBuffer encoded, PixelFormat format, short[] out) throws DicomFormatException {
    ByteBuffer in = encoded.duplicate();
    if (marker(in) != SOI) {
      throw new DicomFormatException("JPEG-LS frame does not start with SOI (FFD8)");
    }
    int precision = -1;
    int width = 0;
    int height = 0;
    int[] preset = null;
    while (true) {
      int marker = marker(in);
      if (marker == SOS) {
        if (precision < 0) {
          throw new DicomFormatException("JPEG-LS scan (SOS) comes before the frame header (SOF55)");
        }
        int near = scanHeader(in);
        checkSize(width, height, format);
        JpegLsParameters parameters = JpegLsParameters.of(precision, near, preset);
        new JpegLsScanDecoder(parameters, new JpegLsBitReader(in)).decode(width, height, out);
        return;
      }
      ByteBuffer segment = segment(in, marker);
      switch (marker) {
        case SOF55 -> {
          precision = u8(segment);
          height = u16(segment);
          width = u16(segment);
          int components = u8(segment);
          if (components != 1) {
            throw new DicomFormatException("JPEG-LS frame has " + components + " components; ctpipe decodes "
                + "single-component (grayscale) frames");
          }
        }
        case LSE -> preset = presetParameters(segment);
        case DRI -> {
          if (u16(segment) != 0) {
            throw new DicomFormatException("JPEG-LS frames with restart intervals (DRI) are not decoded by ctpipe");
          }
        }
        case DNL, EOI -> throw new DicomFormatException(String.format("JPEG-LS marker FF%02X before the scan", marker));
        default -> {
          if (marker >= 0xC0 && marker <= 0xCF) {
            throw new DicomFormatException(String.format("marker FF%02X is a JPEG (not JPEG-LS) frame header",
                marker));
          }
        }
      }
    }
  }

  /** Reads the SOS segment after its marker and returns NEAR. */
  private static int scanHeader(ByteBuffer in) throws DicomFormatException {
    ByteBuffer segment = segment(in, SOS);
    int components = u8(segment);
    if (components != 1) {
      throw new DicomFormatException("JPEG-LS scan interleaves " + components + " components; ctpipe decodes one");
    }
    u8(segment);
    u8(segment);
    int near = u8(segment);
    u8(segment);
    int pointTransform = u8(segment) & 0x0F;
    if (pointTransform != 0) {
      throw new DicomFormatException("JPEG-LS point transform " + pointTransform + " is not decoded by ctpipe");
    }
    return near;
  }

  private static int[] presetParameters(ByteBuffer segment) throws DicomFormatException {
    int id = u8(segment);
    if (id != 1) {
      throw new DicomFormatException("JPEG-LS LSE segment of type " + id + (id == 2 || id == 3
          ? " (mapping table)" : "") + " is not decoded by ctpipe; only preset coding parameters (type 1) are");
    }
    int[] values = new int[5];
    for (int i = 0; i < values.length; i++) {
      values[i] = u16(segment);
    }
    return values;
  }

  private static void checkSize(int width, int height, PixelFormat format) throws DicomFormatException {
    if (width != format.columns() || height != format.rows()) {
      throw new DicomFormatException("JPEG-LS frame is " + width + "x" + height + " but the data set says "
          + format.columns() + "x" + format.rows());
    }
  }

  private static int marker(ByteBuffer in) throws DicomFormatException {
    if (in.remaining() < 2) {
      throw new DicomFormatException("JPEG-LS frame ends before its scan (truncated)");
    }
    int ff = in.get() & 0xFF;
    int marker = in.get() & 0xFF;
    if (ff != 0xFF) {
      throw new DicomFormatException(String.format("JPEG-LS frame has byte %02X where a marker is expected at "
          + "offset %d", ff, in.position() - 2));
    }
    return marker;
  }

  /** The body of the marker segment at the buffer's position (after its length), which is skipped. */
  private static ByteBuffer segment(ByteBuffer in, int marker) throws DicomFormatException {
    if (in.remaining() < 2) {
      throw new DicomFormatException(String.format("JPEG-LS segment FF%02X is truncated", marker));
    }
    int length = in.getShort() & 0xFFFF;
    if (length < 2 || length - 2 > in.remaining()) {
      throw new DicomFormatException(String.format("JPEG-LS segment FF%02X declares %d bytes; %d remain", marker,
          length, in.remaining() + 2));
    }
    ByteBuffer body = in.slice(in.position(), length - 2);
    in.position(in.position() + length - 2);
    return body;
  }

  private static int u8(ByteBuffer segment) throws DicomFormatException {
    if (!segment.hasRemaining()) {
      throw new DicomFormatException("JPEG-LS marker segment is shorter than its fields");
    }
    return segment.get() & 0xFF;
  }

  private static int u16(ByteBuffer segment) throws DicomFormatException {
    return (u8(segment) << 8) | u8(segment);
  }
}
