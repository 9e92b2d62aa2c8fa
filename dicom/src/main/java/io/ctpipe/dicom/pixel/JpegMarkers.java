package io.ctpipe.dicom.pixel;

/** JPEG marker codes (the byte after 0xFF). */
final class JpegMarkers {
  static final int SOF0 = 0xC0;
  static final int SOF1 = 0xC1;
  static final int SOF2 = 0xC2;
  static final int SOF3 = 0xC3;
  static final int DHT = 0xC4;
  static final int SOI = 0xD8;
  static final int EOI = 0xD9;
  static final int SOS = 0xDA;
  static final int DQT = 0xDB;
  static final int DRI = 0xDD;

  private JpegMarkers() {}

  static boolean isStartOfFrame(int marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != DHT && marker != 0xC8 && marker != 0xCC;
  }

  static boolean isRestart(int marker) {
    return marker >= 0xD0 && marker <= 0xD7;
  }
}
