package io.ctpipe.dicom;

/** DICOM value representations, with the facts the parser and writer need about each. */
public enum Vr {
  AE(true, false), AS(true, false), AT(false, false), CS(true, false), DA(true, false),
  DS(true, false), DT(true, false), FD(false, false), FL(false, false), IS(true, false),
  LO(true, false), LT(true, false), OB(false, true), OD(false, true), OF(false, true),
  OL(false, true), OV(false, true), OW(false, true), PN(true, false), SH(true, false),
  SL(false, false), SQ(false, true), SS(false, false), ST(true, false), SV(false, true),
  TM(true, false), UC(true, true), UI(true, false), UL(false, false), UN(false, true),
  UR(true, true), US(false, false), UT(true, true), UV(false, true);

  private final boolean text;
  private final boolean longHeader;

  Vr(boolean text, boolean longHeader) {
    this.text = text;
    this.longHeader = longHeader;
  }

  /** True for character-string VRs. */
  public boolean isText() {
    return text;
  }

  /** True when explicit-VR encoding uses two reserved bytes and a 32-bit length. */
  public boolean hasLongHeader() {
    return longHeader;
  }

  /** Byte used to pad a value to even length: NUL for UI and binary VRs, space for other strings. */
  public byte padding() {
    return text && this != UI ? (byte) ' ' : 0;
  }

  /** The VR with the given two ASCII characters, or null when they name none. */
  public static Vr fromCode(int c1, int c2) {
    if (c1 < 'A' || c1 > 'Z' || c2 < 'A' || c2 > 'Z') {
      return null;
    }
    try {
      return valueOf(new String(new char[] {(char) c1, (char) c2}));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
