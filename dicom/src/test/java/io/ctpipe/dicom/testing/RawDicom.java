package io.ctpipe.dicom.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes raw DICOM bytes element by element in any encoding, so tests can build inputs that ctpipe's writer never
 * produces: implicit VR, big endian, defined-length sequences, odd lengths, broken lengths.
 */
public final class RawDicom {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final boolean explicitVr;
  private final boolean bigEndian;

  private RawDicom(boolean explicitVr, boolean bigEndian) {
    this.explicitVr = explicitVr;
    this.bigEndian = bigEndian;
  }

  public static RawDicom implicitLittleEndian() {
    return new RawDicom(false, false);
  }

  public static RawDicom explicitLittleEndian() {
    return new RawDicom(true, false);
  }

  public static RawDicom explicitBigEndian() {
    return new RawDicom(true, true);
  }

  /** Starts a Part 10 file: preamble, DICM and file meta naming the transfer syntax. */
  public static RawDicom part10(String transferSyntax, RawDicom body) {
    RawDicom meta = explicitLittleEndian();
    RawDicom group = explicitLittleEndian();
    group.element(0x00020010, "UI", ascii(transferSyntax, true));
    RawDicom file = explicitLittleEndian();
    file.raw(new byte[128]).raw("DICM".getBytes(StandardCharsets.US_ASCII));
    byte[] groupBytes = group.bytes();
    meta.element(0x00020000, "UL", new byte[] {(byte) groupBytes.length, (byte) (groupBytes.length >> 8), 0, 0});
    file.raw(meta.bytes()).raw(groupBytes).raw(body.bytes());
    return file;
  }

  public static byte[] ascii(String s, boolean uid) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    if (b.length % 2 == 0) {
      return b;
    }
    byte[] padded = java.util.Arrays.copyOf(b, b.length + 1);
    padded[b.length] = uid ? 0 : (byte) ' ';
    return padded;
  }

  public RawDicom raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  /** An element with a defined length equal to the value's size. */
  public RawDicom element(int tag, String vr, byte[] value) {
    return header(tag, vr, value.length).raw(value);
  }

  /** An element header with any declared length (possibly a lie). */
  public RawDicom header(int tag, String vr, long length) {
    tag(tag);
    if (explicitVr) {
      out.writeBytes(vr.getBytes(StandardCharsets.US_ASCII));
      if (java.util.Set.of("OB", "OW", "OF", "SQ", "UN", "UT", "UC", "UR", "OD", "OL", "OV", "SV", "UV").contains(vr)) {
        u16(0);
        u32(length);
      } else {
        u16((int) length);
      }
    } else {
      u32(length);
    }
    return this;
  }

  public RawDicom text(int tag, String vr, String value) {
    return element(tag, vr, ascii(value, vr.equals("UI")));
  }

  public RawDicom u16Element(int tag, int value) {
    return element(tag, "US", bigEndian ? new byte[] {(byte) (value >> 8), (byte) value}
        : new byte[] {(byte) value, (byte) (value >> 8)});
  }

  /** Item header (tag FFFE,E000) with a length; always little endian in LE syntaxes. */
  public RawDicom item(long length) {
    tag(0xFFFEE000);
    u32(length);
    return this;
  }

  public RawDicom itemDelimiter() {
    tag(0xFFFEE00D);
    u32(0);
    return this;
  }

  public RawDicom sequenceDelimiter() {
    tag(0xFFFEE0DD);
    u32(0);
    return this;
  }

  public byte[] bytes() {
    return out.toByteArray();
  }

  private void tag(int tag) {
    u16(tag >>> 16);
    u16(tag & 0xFFFF);
  }

  private void u16(int v) {
    if (bigEndian) {
      out.write(v >> 8);
      out.write(v);
    } else {
      out.write(v);
      out.write(v >> 8);
    }
  }

  private void u32(long v) {
    if (bigEndian) {
      u16((int) (v >>> 16) & 0xFFFF);
      u16((int) v & 0xFFFF);
    } else {
      u16((int) v & 0xFFFF);
      u16((int) (v >>> 16) & 0xFFFF);
    }
  }
}
