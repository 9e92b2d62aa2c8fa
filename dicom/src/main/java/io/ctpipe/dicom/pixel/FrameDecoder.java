package io.ctpipe.dicom.pixel;

import io.ctpipe.dicom.DicomFormatException;
import java.nio.ByteBuffer;

/**
 * Decodes one frame of pixel data into 16-bit samples. Bits above BitsStored may be left set: read values through
 * {@link PixelFormat#value(short)}.
 */
public interface FrameDecoder {
  /**
   * @param encoded the frame's bytes (native data or one compressed frame)
   * @param format the image pixel description
   * @param out receives rows × columns stored values
   */
  void decode(ByteBuffer encoded, PixelFormat format, short[] out) throws DicomFormatException;
}
