package io.ctpipe.dicom.pixel;

import io.ctpipe.dicom.DicomFormatException;
import java.nio.ByteBuffer;

/** Decodes one frame of pixel data into stored values (see {@link PixelFormat#value(short)}). */
public interface FrameDecoder {
  /**
   * @param encoded the frame's bytes (native data or one compressed frame)
   * @param format the image pixel description
   * @param out receives rows × columns stored values
   */
  void decode(ByteBuffer encoded, PixelFormat format, short[] out) throws DicomFormatException;
}
