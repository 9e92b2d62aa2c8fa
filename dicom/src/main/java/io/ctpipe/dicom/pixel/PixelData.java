package io.ctpipe.dicom.pixel;

import io.ctpipe.dicom.DicomElement;
import io.ctpipe.dicom.DicomFile;
import io.ctpipe.dicom.DicomFormatException;
import io.ctpipe.dicom.Tag;
import io.ctpipe.dicom.TransferSyntax;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** The frames of one DICOM object's Pixel Data, decoded on demand into stored values. */
public final class PixelData {
  private final PixelFormat format;
  private final List<ByteBuffer> frames;
  private final FrameDecoder decoder;
  private final TransferSyntax transferSyntax;

  private PixelData(PixelFormat format, List<ByteBuffer> frames, FrameDecoder decoder, TransferSyntax ts) {
    this.format = format;
    this.frames = frames;
    this.decoder = decoder;
    this.transferSyntax = ts;
  }

  /** Locates the frames of a fully read file and picks the decoder for its transfer syntax. */
  public static PixelData of(DicomFile file) throws DicomFormatException {
    if (file.headerOnly()) {
      throw new IllegalArgumentException("pixel data needs a fully read file, not a header-only scan");
    }
    TransferSyntax ts = file.transferSyntax();
    DicomElement element = file.dataset().element(Tag.PIXEL_DATA).orElseThrow(() -> new DicomFormatException(
        file.source() + ": no Pixel Data (7FE0,0010)"));
    PixelFormat format = PixelFormat.of(file.dataset());
    FrameDecoder decoder = decoderFor(ts);
    List<ByteBuffer> frames;
    if (ts.encapsulated()) {
      if (!element.isEncapsulated()) {
        throw new DicomFormatException("transfer syntax " + ts.uid() + " needs encapsulated Pixel Data, but it "
            + "has a defined length");
      }
      frames = EncapsulatedFrames.split(element.fragments(), format.frames());
    } else {
      frames = nativeFrames(element, format);
    }
    return new PixelData(format, frames, decoder, ts);
  }

  public PixelFormat format() {
    return format;
  }

  public int frameCount() {
    return frames.size();
  }

  public TransferSyntax transferSyntax() {
    return transferSyntax;
  }

  /** Decodes frame {@code index} (0-based) into {@code out}, which must hold rows × columns values. */
  public void decodeFrame(int index, short[] out) throws DicomFormatException {
    try {
      decoder.decode(frames.get(index).duplicate().order(frames.get(index).order()), format, out);
    } catch (DicomFormatException e) {
      throw new DicomFormatException("frame " + (index + 1) + " (" + transferSyntax.displayName() + ", "
          + transferSyntax.uid() + "): " + e.getMessage(), e);
    }
  }

  /** Decodes frame {@code index} into a new array. */
  public short[] decodeFrame(int index) throws DicomFormatException {
    short[] out = new short[format.pixelsPerFrame()];
    decodeFrame(index, out);
    return out;
  }

  private static FrameDecoder decoderFor(TransferSyntax ts) throws DicomFormatException {
    switch (ts.pixelEncoding()) {
      case NATIVE:
        return new NativeFrameDecoder();
      case RLE:
        return new RleFrameDecoder();
      case JPEG:
        return new JpegFrameDecoder();
      case JPEG_LS:
        return new JpegLsFrameDecoder();
      case JPEG_2000:
        return ImageIoFrameDecoder.jpeg2000();
      default:
        throw new DicomFormatException("cannot decode pixel data in transfer syntax " + ts.uid() + " ("
            + ts.displayName() + "): ctpipe has no decoder for it; convert the series first, e.g. with "
            + "'dcmconv +te' or 'gdcmconv --raw'");
    }
  }

  private static List<ByteBuffer> nativeFrames(DicomElement element, PixelFormat format)
      throws DicomFormatException {
    long frameBytes = (long) format.pixelsPerFrame() * (format.bitsAllocated() / 8);
    ByteBuffer value = element.value();
    long needed = frameBytes * format.frames();
    if (value.remaining() < needed) {
      throw new DicomFormatException("Pixel Data holds " + value.remaining() + " bytes but " + format.frames()
          + " frame(s) of " + format.columns() + "x" + format.rows() + " at " + format.bitsAllocated()
          + " bits need " + needed);
    }
    List<ByteBuffer> frames = new ArrayList<>(format.frames());
    for (int i = 0; i < format.frames(); i++) {
      frames.add(value.slice((int) (i * frameBytes), (int) frameBytes).order(value.order()));
    }
    return frames;
  }
}
