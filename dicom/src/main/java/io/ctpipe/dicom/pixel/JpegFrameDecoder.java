package io.ctpipe.dicom.pixel;

import io.ctpipe.dicom.DicomFormatException;
import java.nio.ByteBuffer;

/**
 * Routes a JPEG frame by its start-of-frame marker: sequential DCT (8 or 12 bit) and lossless to ctpipe's own
 * {@link JpegDecoder}, 8-bit progressive to TwelveMonkeys. 12-bit progressive JPEG (the retired syntaxes 4.53 and
 * 4.55) has no decoder here.
 */
final class JpegFrameDecoder implements FrameDecoder {
  private final FrameDecoder imageIo = ImageIoFrameDecoder.twelveMonkeysJpeg();

  @Override
  public void decode(ByteBuffer encoded, PixelFormat format, short[] out) throws DicomFormatException {
    int[] sof = findStartOfFrame(encoded);
    int marker = sof[0];
    int precision = sof[1];
    if (marker == JpegMarkers.SOF0 || marker == JpegMarkers.SOF1 || marker == JpegMarkers.SOF3) {
      new JpegDecoder().decode(encoded.duplicate(), format.columns(), format.rows(), out);
    } else if (marker == JpegMarkers.SOF2 && precision == 8) {
      imageIo.decode(encoded, format, out);
    } else {
      throw new DicomFormatException(String.format(
          "JPEG process with SOF marker FF%02X and %d-bit precision cannot be decoded", marker, precision));
    }
  }

  /** Returns {marker, precision} of the first start-of-frame segment. */
  private static int[] findStartOfFrame(ByteBuffer encoded) throws DicomFormatException {
    JpegBitReader in = new JpegBitReader(encoded.duplicate());
    if (in.nextMarker() != JpegMarkers.SOI) {
      throw new DicomFormatException("JPEG frame does not start with SOI (FFD8)");
    }
    while (true) {
      int marker = in.nextMarker();
      if (JpegMarkers.isStartOfFrame(marker)) {
        in.segmentLength();
        return new int[] {marker, in.readU8()};
      }
      if (marker == JpegMarkers.SOS || marker == JpegMarkers.EOI) {
        throw new DicomFormatException("JPEG frame has no start-of-frame segment before its scan");
      }
      in.skip(in.segmentLength());
    }
  }
}
