package io.ctpipe.dicom;

/**
 * Bounds on what one DICOM object may make the parser keep, so that a small hostile header cannot fill the heap: a
 * parsed element costs about 150 bytes of heap for as few as 8 bytes of file. Real CT holds at most a few hundred
 * elements per data set and a few hundred to a few thousand in all (the shared data: 275 and 481), sequences nested
 * at most 4 deep; the bounds are far above that (docs/dicom-conformance.md, "Hostile input: memory bounds"). One
 * instance counts one parse.
 */
public final class HeaderLimits {
  /** Most elements one data set (the top level, or one item) may hold. */
  public static final int MAX_ELEMENTS_PER_DATASET = 10_000;
  /**
   * Most elements, sequence items and pixel data fragments one object may hold at all levels together: about
   * 150 MB of heap, room for a SEG of some 30,000 frames (about 32 per frame).
   */
  public static final int MAX_NODES_PER_OBJECT = 1_000_000;
  /** Deepest nesting of sequences. */
  public static final int MAX_SEQUENCE_DEPTH = 32;

  private int nodes;

  /** Checks that {@code dataset} may take one more element, and counts it. */
  void addElement(DicomDataset dataset, int offset) throws DicomFormatException {
    if (dataset.size() >= MAX_ELEMENTS_PER_DATASET) {
      throw new DicomFormatException("a data set holds more than " + MAX_ELEMENTS_PER_DATASET + " elements (at "
          + "offset " + offset + "): far more than any real header; refused as a possible element bomb");
    }
    addItem(offset);
  }

  /** Counts a sequence item or a pixel data fragment (and, through {@link #addElement}, an element). */
  void addItem(int offset) throws DicomFormatException {
    if (++nodes > MAX_NODES_PER_OBJECT) {
      throw new DicomFormatException("the object holds more than " + MAX_NODES_PER_OBJECT + " elements, items "
          + "and fragments (at "
          + "offset " + offset + "): far more than any real header; refused as a possible element bomb");
    }
  }

  /** Checks the nesting depth of an item about to be parsed. */
  static void checkDepth(int depth, int offset) throws DicomFormatException {
    if (depth >= MAX_SEQUENCE_DEPTH) {
      throw new DicomFormatException("sequences nested deeper than " + MAX_SEQUENCE_DEPTH + " levels at offset "
          + offset);
    }
  }
}
