package io.ctpipe.dicom;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes DICOM Part 10 files with an Explicit VR Little Endian data set: a 128-byte preamble, "DICM", file meta
 * information built from the data set's SOP Class and Instance UIDs, then the data set. The transfer syntax is
 * Explicit VR Little Endian, or an encapsulated one when the caller put compressed Pixel Data fragments. Sequences
 * and items use undefined lengths; odd-length values are padded as PS3.5 requires.
 */
public final class DicomWriter {
  /** ctpipe's implementation class UID (file meta (0002,0012)). */
  public static final String IMPLEMENTATION_CLASS_UID = Uids.fromName("ctpipe", "implementation-class");
  public static final String IMPLEMENTATION_VERSION = "CTPIPE_0.1";
  private static final byte[] ITEM_DELIMITATION = {(byte) 0xFE, (byte) 0xFF, 0x0D, (byte) 0xE0, 0, 0, 0, 0};
  private static final byte[] SEQUENCE_DELIMITATION = {(byte) 0xFE, (byte) 0xFF, (byte) 0xDD, (byte) 0xE0, 0, 0,
      0, 0};

  private DicomWriter() {}

  public static void write(DicomDataset dataset, Path path) throws IOException {
    write(dataset, TransferSyntax.EXPLICIT_VR_LE, path);
  }

  public static void write(DicomDataset dataset, TransferSyntax syntax, Path path) throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16)) {
      write(dataset, syntax, out);
    }
  }

  /**
   * @param syntax Explicit VR Little Endian, or an encapsulated syntax whose Pixel Data the caller encoded
   */
  public static void write(DicomDataset dataset, TransferSyntax syntax, OutputStream out) throws IOException {
    if (!syntax.explicitVr() || syntax.bigEndian() || syntax.deflated()) {
      throw new IllegalArgumentException("ctpipe writes Explicit VR Little Endian data sets, not " + syntax.uid());
    }
    boolean encapsulated = dataset.element(Tag.PIXEL_DATA).map(DicomElement::isEncapsulated).orElse(false);
    if (encapsulated != syntax.encapsulated()) {
      throw new IllegalArgumentException("transfer syntax " + syntax.uid() + (syntax.encapsulated()
          ? " needs encapsulated Pixel Data" : " needs native Pixel Data"));
    }
    String sopClass = dataset.string(Tag.SOP_CLASS_UID).orElseThrow(() ->
        new IllegalArgumentException("a Part 10 file needs a SOP Class UID (0008,0016)"));
    String sopInstance = dataset.string(Tag.SOP_INSTANCE_UID).orElseThrow(() ->
        new IllegalArgumentException("a Part 10 file needs a SOP Instance UID (0008,0018)"));
    DicomDataset meta = new DicomDataset();
    meta.putBytes(Tag.FILE_META_INFORMATION_VERSION, Vr.OB, ByteBuffer.wrap(new byte[] {0, 1}));
    meta.putString(Tag.MEDIA_STORAGE_SOP_CLASS_UID, Vr.UI, sopClass);
    meta.putString(Tag.MEDIA_STORAGE_SOP_INSTANCE_UID, Vr.UI, sopInstance);
    meta.putString(Tag.TRANSFER_SYNTAX_UID, Vr.UI, syntax.uid());
    meta.putString(Tag.IMPLEMENTATION_CLASS_UID, Vr.UI, IMPLEMENTATION_CLASS_UID);
    meta.putString(Tag.IMPLEMENTATION_VERSION_NAME, Vr.SH, IMPLEMENTATION_VERSION);
    java.io.ByteArrayOutputStream metaBytes = new java.io.ByteArrayOutputStream();
    writeElements(meta, metaBytes);

    out.write(new byte[128]);
    out.write("DICM".getBytes(StandardCharsets.US_ASCII));
    DicomDataset groupLength = new DicomDataset();
    groupLength.putInt(Tag.FILE_META_INFORMATION_GROUP_LENGTH, Vr.UL, metaBytes.size());
    writeElements(groupLength, out);
    metaBytes.writeTo(out);
    writeElements(dataset, out);
  }

  private static void writeElements(DicomDataset ds, OutputStream out) throws IOException {
    for (DicomElement e : ds.elements()) {
      writeElement(e, out);
    }
  }

  private static void writeElement(DicomElement e, OutputStream out) throws IOException {
    if (e.isSequence()) {
      writeHeader(out, e.tag(), Vr.SQ, DicomParser.UNDEFINED_LENGTH);
      for (DicomDataset item : e.items()) {
        writeTag(out, Tag.ITEM);
        writeUInt32(out, DicomParser.UNDEFINED_LENGTH);
        writeElements(item, out);
        out.write(ITEM_DELIMITATION);
      }
      out.write(SEQUENCE_DELIMITATION);
      return;
    }
    if (e.isEncapsulated()) {
      writeHeader(out, e.tag(), e.vr(), DicomParser.UNDEFINED_LENGTH);
      for (ByteBuffer fragment : e.fragments()) {
        writeTag(out, Tag.ITEM);
        writeUInt32(out, fragment.remaining() + (fragment.remaining() & 1));
        writeBytes(out, fragment);
        if ((fragment.remaining() & 1) == 1) {
          out.write(0);
        }
      }
      out.write(SEQUENCE_DELIMITATION);
      return;
    }
    ByteBuffer value = LittleEndianValues.of(e);
    int length = value.remaining();
    boolean pad = (length & 1) == 1;
    writeHeader(out, e.tag(), e.vr(), length + (pad ? 1 : 0));
    writeBytes(out, value);
    if (pad) {
      out.write(e.vr().padding());
    }
  }

  private static void writeHeader(OutputStream out, int tag, Vr vr, long length) throws IOException {
    writeTag(out, tag);
    out.write(vr.name().charAt(0));
    out.write(vr.name().charAt(1));
    if (vr.hasLongHeader()) {
      out.write(0);
      out.write(0);
      writeUInt32(out, length);
    } else {
      if (length > 0xFFFF) {
        throw new IllegalArgumentException("value of " + Tag.format(tag) + " (" + vr + ") is " + length
            + " bytes; this VR allows at most 65534");
      }
      out.write((int) length & 0xFF);
      out.write((int) (length >>> 8) & 0xFF);
    }
  }

  private static void writeTag(OutputStream out, int tag) throws IOException {
    int group = tag >>> 16;
    int element = tag & 0xFFFF;
    out.write(group & 0xFF);
    out.write(group >>> 8);
    out.write(element & 0xFF);
    out.write(element >>> 8);
  }

  private static void writeUInt32(OutputStream out, long v) throws IOException {
    out.write((int) v & 0xFF);
    out.write((int) (v >>> 8) & 0xFF);
    out.write((int) (v >>> 16) & 0xFF);
    out.write((int) (v >>> 24) & 0xFF);
  }

  private static void writeBytes(OutputStream out, ByteBuffer b) throws IOException {
    ByteBuffer d = b.duplicate();
    if (d.hasArray()) {
      out.write(d.array(), d.arrayOffset() + d.position(), d.remaining());
    } else {
      byte[] tmp = new byte[d.remaining()];
      d.get(tmp);
      out.write(tmp);
    }
  }

  /** Values of elements read from big-endian files, swapped to little endian by their VR's word size. */
  static final class LittleEndianValues {
    private LittleEndianValues() {}

    static ByteBuffer of(DicomElement e) {
      ByteBuffer v = e.value();
      int width = wordSize(e.vr());
      if (v.order() == ByteOrder.LITTLE_ENDIAN || width == 1) {
        return v;
      }
      ByteBuffer out = ByteBuffer.allocate(v.remaining());
      for (int i = 0; i + width <= v.remaining(); i += width) {
        for (int b = 0; b < width; b++) {
          out.put(i + b, v.get(v.position() + i + width - 1 - b));
        }
      }
      return out;
    }

    private static int wordSize(Vr vr) {
      switch (vr) {
        case US: case SS: case OW: case AT: return 2;
        case UL: case SL: case FL: case OF: case OL: return 4;
        case FD: case OD: case SV: case UV: case OV: return 8;
        default: return 1;
      }
    }
  }
}
