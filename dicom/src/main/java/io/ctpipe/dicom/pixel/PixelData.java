package io.ctpipe.dicom.pixel;

import io.ctpipe.dicom.DicomElement;
import io.ctpipe.dicom.DicomFile;
import io.ctpipe.dicom.DicomFormatException;
import io.ctpipe.dicom.Tag;
import io.ctpipe.dicom.TransferSyntax;
import io.ctpipe.dicom.Vr;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
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
    pixelDataOf(file);
    return of(file, PixelFormat.of(file.dataset()));
  }

  /** As {@link #of(DicomFile)}, reading {@code frames} frames whatever Number of Frames says. */
  public static PixelData of(DicomFile file, int frames) throws DicomFormatException {
    pixelDataOf(file);
    return of(file, PixelFormat.of(file.dataset()).withFrames(frames));
  }

  /**
   * How many frames the Pixel Data element holds, from its length (native) or its offset table, codestream starts
   * or fragments (encapsulated), whatever Number of Frames says.
   */
  public static int framesPresent(DicomFile file) throws DicomFormatException {
    DicomElement element = pixelDataOf(file);
    if (file.transferSyntax().encapsulated()) {
      return element.isEncapsulated() ? EncapsulatedFrames.count(element.fragments()) : 0;
    }
    PixelFormat format = PixelFormat.of(file.dataset());
    long bitsPerFrame = (long) format.pixelsPerFrame() * format.bitsAllocated();
    return (int) Math.min(Integer.MAX_VALUE, element.value().remaining() * 8L / bitsPerFrame);
  }

  private static DicomElement pixelDataOf(DicomFile file) throws DicomFormatException {
    if (file.headerOnly()) {
      throw new IllegalArgumentException("pixel data needs a fully read file, not a header-only scan");
    }
    return file.dataset().element(Tag.PIXEL_DATA).orElseThrow(() -> new DicomFormatException(
        file.source() + ": no Pixel Data (7FE0,0010)"));
  }

  private static PixelData of(DicomFile file, PixelFormat format) throws DicomFormatException {
    TransferSyntax ts = file.transferSyntax();
    DicomElement element = pixelDataOf(file);
    FrameDecoder decoder = decoderFor(ts);
    List<ByteBuffer> frames;
    if (ts.encapsulated()) {
      if (!element.isEncapsulated()) {
        throw new DicomFormatException("transfer syntax " + ts.uid() + " needs encapsulated Pixel Data, but it "
            + "has a defined length");
      }
      frames = EncapsulatedFrames.split(element.fragments(), format.frames());
    } else if (format.bitsAllocated() == 1) {
      frames = packedFrames(byteStream(element, ts), format);
    } else {
      frames = nativeFrames(format.bitsAllocated() == 8 ? byteStream(element, ts) : element.value(), format);
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
    if (!transferSyntax.encapsulated() && format.bitsAllocated() == 1) {
      PackedBits.unpack(frames.get(index), (long) index * format.pixelsPerFrame(), out);
      return;
    }
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
      case DEFLATED_FRAMES:
        return new DeflatedFrameDecoder();
      case JPEG_2000:
        return ImageIoFrameDecoder.jpeg2000();
      default:
        throw new DicomFormatException("cannot decode pixel data in transfer syntax " + ts.uid() + " ("
            + ts.displayName() + "): ctpipe has no decoder for it; convert the series first, e.g. with "
            + "'dcmconv +te' or 'gdcmconv --raw'");
    }
  }

  /**
   * The bytes of 1- and 8-bit pixel data in pixel order. Big endian files may store such data as OW (dcmtk does when
   * the source was implicit VR), whose 16-bit words are then byte-swapped: swap them back.
   */
  private static ByteBuffer byteStream(DicomElement element, TransferSyntax ts) {
    ByteBuffer value = element.value();
    if (!ts.bigEndian() || element.vr() != Vr.OW) {
      return value;
    }
    ByteBuffer swapped = ByteBuffer.allocate(value.remaining());
    for (int i = value.position(); i + 1 < value.limit(); i += 2) {
      swapped.put(value.get(i + 1)).put(value.get(i));
    }
    return swapped.clear();
  }

  /**
   * Native 1-bit frames follow each other bit by bit, so a frame may start mid-byte: every frame is the whole
   * value, and {@link #decodeFrame} starts at the frame's first bit.
   */
  private static List<ByteBuffer> packedFrames(ByteBuffer value, PixelFormat format)
      throws DicomFormatException {
    long needed = ((long) format.pixelsPerFrame() * format.frames() + 7) / 8;
    if (value.remaining() < needed) {
      throw new DicomFormatException("1-bit Pixel Data holds " + value.remaining() + " bytes but " + format.frames()
          + " frame(s) of " + format.columns() + "x" + format.rows() + " need " + needed);
    }
    return Collections.nCopies(format.frames(), value);
  }

  private static List<ByteBuffer> nativeFrames(ByteBuffer value, PixelFormat format)
      throws DicomFormatException {
    long frameBytes = (long) format.pixelsPerFrame() * (format.bitsAllocated() / 8);
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
