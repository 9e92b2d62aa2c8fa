package io.ctpipe.dicom.testing;

import com.github.jaiimageio.jpeg2000.J2KImageWriteParam;
import io.ctpipe.dicom.DicomDataset;
import io.ctpipe.dicom.DicomFile;
import io.ctpipe.dicom.DicomWriter;
import io.ctpipe.dicom.Tag;
import io.ctpipe.dicom.TransferSyntax;
import io.ctpipe.dicom.Vr;
import io.ctpipe.dicom.pixel.PixelData;
import io.ctpipe.dicom.pixel.RleEncoder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Re-encodes the frames of a segmentation in a compressed transfer syntax, the way other writers do where no
 * independent tool can (dcmtk and GDCM refuse 1-bit images): RLE with the frame's packed bits or one byte per pixel,
 * Deflated Image Frame Compression (raw Deflate of the packed frame, as pydicom writes it), and JPEG 2000 lossless
 * with one 8-bit sample per pixel (jai-imageio's encoder).
 */
public final class SegTranscoder {
  /** How each frame is encoded. */
  public enum Encoding { RLE_PACKED, RLE_BYTES, DEFLATED_FRAMES, JPEG_2000 }

  private SegTranscoder() {}

  public static void write(DicomFile seg, Encoding encoding, Path out) throws Exception {
    PixelData pixels = PixelData.of(seg);
    int rows = pixels.format().rows();
    int columns = pixels.format().columns();
    int bits = pixels.format().bitsAllocated();
    List<ByteBuffer> fragments = new ArrayList<>();
    fragments.add(ByteBuffer.allocate(0));
    for (int f = 0; f < pixels.frameCount(); f++) {
      short[] values = pixels.decodeFrame(f);
      fragments.add(even(switch (encoding) {
        case RLE_PACKED -> {
          byte[] packed = bits == 1 ? pack(values) : bytes(values);
          yield RleEncoder.encode(widen(packed), 1, packed.length, 8);
        }
        case RLE_BYTES -> RleEncoder.encode(values, rows, columns, bits == 1 ? 8 : bits);
        case DEFLATED_FRAMES -> ByteBuffer.wrap(deflate(bits == 1 ? pack(values) : bytes(values)));
        case JPEG_2000 -> ByteBuffer.wrap(jpeg2000(values, rows, columns));
      }));
    }
    DicomDataset ds = seg.dataset();
    ds.putFragments(Tag.PIXEL_DATA, Vr.OB, fragments);
    TransferSyntax syntax = switch (encoding) {
      case RLE_PACKED, RLE_BYTES -> TransferSyntax.RLE_LOSSLESS;
      case DEFLATED_FRAMES -> TransferSyntax.DEFLATED_IMAGE_FRAMES;
      case JPEG_2000 -> TransferSyntax.JPEG_2000_LOSSLESS;
    };
    DicomWriter.write(ds, syntax, out);
  }

  private static byte[] pack(short[] values) {
    byte[] out = new byte[(values.length + 7) / 8];
    for (int i = 0; i < values.length; i++) {
      if ((values[i] & 1) != 0) {
        out[i >>> 3] |= (byte) (1 << (i & 7));
      }
    }
    return out;
  }

  private static byte[] bytes(short[] values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  private static short[] widen(byte[] bytes) {
    short[] out = new short[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      out[i] = (short) (bytes[i] & 0xFF);
    }
    return out;
  }

  private static ByteBuffer even(ByteBuffer fragment) {
    if (fragment.remaining() % 2 == 0) {
      return fragment;
    }
    ByteBuffer padded = ByteBuffer.allocate(fragment.remaining() + 1);
    padded.put(fragment.duplicate());
    return padded.flip();
  }

  private static byte[] deflate(byte[] frame) {
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    deflater.setInput(frame);
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    return out.toByteArray();
  }

  /** A lossless JPEG 2000 codestream (jai-imageio's encoder) of 8-bit samples, row-major. */
  public static byte[] jpeg2000(short[] values, int rows, int columns) throws IOException {
    BufferedImage image = new BufferedImage(columns, rows, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < rows; y++) {
      for (int x = 0; x < columns; x++) {
        image.getRaster().setSample(x, y, 0, values[y * columns + x] & 0xFF);
      }
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg2000").next();
    J2KImageWriteParam param = new J2KImageWriteParam();
    param.setLossless(true);
    param.setWriteCodeStreamOnly(true);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }
}
