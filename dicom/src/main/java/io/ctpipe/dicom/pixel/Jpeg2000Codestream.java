package io.ctpipe.dicom.pixel;

import io.ctpipe.dicom.DicomFormatException;

/**
 * Checks a JPEG 2000 codestream for what JJ2000 cannot survive. Inside tile-part data, bit stuffing keeps every byte
 * after 0xFF below 0x90, so only the markers that may sit there follow 0xFF (SOT, SOP, EPH, SOD, EOC). A corrupt
 * stream holding 0xFF 0xFF in a packet header sends JJ2000's header reader into an endless loop (it reuses the
 * stuffed byte without reading on; found by the fuzz suite), so such a frame is refused before decoding.
 */
final class Jpeg2000Codestream {
  private static final int SOT = 0x90;
  private static final int SOP = 0x91;
  private static final int EPH = 0x92;
  private static final int SOD = 0x93;
  private static final int EOC = 0xD9;

  private Jpeg2000Codestream() {}

  static void check(byte[] codestream) throws DicomFormatException {
    int start = firstDataByte(codestream);
    for (int i = start; i + 1 < codestream.length; i++) {
      if ((codestream[i] & 0xFF) != 0xFF) {
        continue;
      }
      int next = codestream[i + 1] & 0xFF;
      if (next >= 0x90 && next != SOT && next != SOP && next != EPH && next != SOD && next != EOC) {
        throw new DicomFormatException(String.format("JPEG 2000 codestream is corrupt: bytes FF %02X at offset %d "
            + "inside tile data", next, i));
      }
    }
  }

  /** The offset after the first SOD marker, or the length when there is none (nothing to check). */
  private static int firstDataByte(byte[] codestream) {
    for (int i = 0; i + 1 < codestream.length; i++) {
      if ((codestream[i] & 0xFF) == 0xFF && (codestream[i + 1] & 0xFF) == SOD) {
        return i + 2;
      }
    }
    return codestream.length;
  }
}
