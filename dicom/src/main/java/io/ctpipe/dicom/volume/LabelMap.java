package io.ctpipe.dicom.volume;

import java.util.Arrays;

/**
 * Integer labels (0 = background, 1..65535 unsigned) on a voxel grid, indexed like {@link CtVolume}:
 * {@code x + nx * (y + ny * z)}.
 */
public record LabelMap(int[] dims, short[] labels) {
  public LabelMap {
    if (dims.length != 3 || (long) dims[0] * dims[1] * dims[2] != labels.length) {
      throw new IllegalArgumentException("label map of " + labels.length + " voxels does not fit dims "
          + Arrays.toString(dims));
    }
  }

  public static LabelMap empty(int[] dims) {
    return new LabelMap(dims.clone(), new short[dims[0] * dims[1] * dims[2]]);
  }

  public int label(int index) {
    return labels[index] & 0xFFFF;
  }

  public void set(int index, int label) {
    labels[index] = (short) label;
  }

  public int sliceVoxels() {
    return dims[0] * dims[1];
  }

  /** Voxel count per label value (index = label). */
  public long[] histogram() {
    long[] counts = new long[65536];
    for (short v : labels) {
      counts[v & 0xFFFF]++;
    }
    return counts;
  }

  /** The label values other than 0 that occur, ascending. */
  public int[] presentLabels() {
    long[] counts = histogram();
    return java.util.stream.IntStream.range(1, counts.length).filter(l -> counts[l] > 0).toArray();
  }
}
