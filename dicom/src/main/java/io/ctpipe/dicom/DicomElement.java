package io.ctpipe.dicom;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * One data element: a value (bytes in the data set's byte order, never copied from the file buffer), the items of
 * a sequence, or the fragments of encapsulated pixel data (the first fragment is the Basic Offset Table).
 */
public final class DicomElement {
  private final int tag;
  private final Vr vr;
  private final ByteBuffer value;
  private final List<DicomDataset> items;
  private final List<ByteBuffer> fragments;

  private DicomElement(int tag, Vr vr, ByteBuffer value, List<DicomDataset> items, List<ByteBuffer> fragments) {
    this.tag = tag;
    this.vr = vr;
    this.value = value;
    this.items = items;
    this.fragments = fragments;
  }

  static DicomElement ofValue(int tag, Vr vr, ByteBuffer value) {
    return new DicomElement(tag, vr, value, null, null);
  }

  static DicomElement ofItems(int tag, List<DicomDataset> items) {
    return new DicomElement(tag, Vr.SQ, null, List.copyOf(items), null);
  }

  static DicomElement ofFragments(int tag, Vr vr, List<ByteBuffer> fragments) {
    return new DicomElement(tag, vr, null, null, List.copyOf(fragments));
  }

  public int tag() {
    return tag;
  }

  public Vr vr() {
    return vr;
  }

  /** A read-only view of the value bytes, positioned at 0; empty for sequences and fragments. */
  public ByteBuffer value() {
    if (value == null) {
      return ByteBuffer.allocate(0);
    }
    return value.asReadOnlyBuffer().order(value.order());
  }

  public int length() {
    return value == null ? 0 : value.remaining();
  }

  public boolean isSequence() {
    return items != null;
  }

  public boolean isEncapsulated() {
    return fragments != null;
  }

  /** Items of a sequence; empty when this is not a sequence. */
  public List<DicomDataset> items() {
    return items == null ? List.of() : items;
  }

  /** Fragments of encapsulated pixel data, Basic Offset Table first; empty when not encapsulated. */
  public List<ByteBuffer> fragments() {
    return fragments == null ? List.of() : fragments;
  }
}
