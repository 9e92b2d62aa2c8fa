package io.ctpipe.dicom.phantom;

import java.util.Set;

/**
 * What synthetic CT series to write.
 *
 * @param dims columns, rows, slices
 * @param spacing column, row and slice spacing in mm
 * @param seed makes anatomy jitter, noise and UIDs reproducible
 * @param tiltDegrees gantry tilt: slices keep stepping along z while their plane tilts about the x axis
 * @param droppedSlices slice indices not written (gaps)
 * @param duplicatedSlices slice indices written twice (second copy with a new SOP Instance UID)
 * @param reverseInstanceNumbers number instances head to feet instead of feet to head
 * @param modality the Modality to write (CT for a normal phantom)
 * @param seriesTag distinguishes several series written with the same seed (enters the Series UID)
 */
public record PhantomSpec(int[] dims, double[] spacing, long seed, double tiltDegrees, Set<Integer> droppedSlices,
    Set<Integer> duplicatedSlices, boolean reverseInstanceNumbers, String modality, String seriesTag) {

  public PhantomSpec {
    if (dims.length != 3 || dims[0] < 8 || dims[1] < 8 || dims[2] < 1) {
      throw new IllegalArgumentException("phantom dims must be at least 8x8x1, got " + java.util.Arrays.toString(dims));
    }
    if ((long) dims[0] * dims[1] > 4096L * 4096L) {
      throw new IllegalArgumentException("phantom slices larger than 4096x4096 are not supported");
    }
    if (spacing.length != 3 || spacing[0] <= 0 || spacing[1] <= 0 || spacing[2] <= 0) {
      throw new IllegalArgumentException("phantom spacing must be three positive numbers");
    }
    droppedSlices = Set.copyOf(droppedSlices);
    duplicatedSlices = Set.copyOf(duplicatedSlices);
  }

  /** A plain phantom: no tilt, gaps or duplicates, CT. */
  public static PhantomSpec of(int[] dims, double[] spacing, long seed) {
    return new PhantomSpec(dims, spacing, seed, 0, Set.of(), Set.of(), false, "CT", "");
  }

  public PhantomSpec withTilt(double degrees) {
    return new PhantomSpec(dims, spacing, seed, degrees, droppedSlices, duplicatedSlices, reverseInstanceNumbers,
        modality, seriesTag);
  }

  public PhantomSpec withDroppedSlices(Set<Integer> slices) {
    return new PhantomSpec(dims, spacing, seed, tiltDegrees, slices, duplicatedSlices, reverseInstanceNumbers,
        modality, seriesTag);
  }

  public PhantomSpec withDuplicatedSlices(Set<Integer> slices) {
    return new PhantomSpec(dims, spacing, seed, tiltDegrees, droppedSlices, slices, reverseInstanceNumbers,
        modality, seriesTag);
  }

  public PhantomSpec withReversedInstanceNumbers() {
    return new PhantomSpec(dims, spacing, seed, tiltDegrees, droppedSlices, duplicatedSlices, true, modality,
        seriesTag);
  }

  public PhantomSpec withModality(String value) {
    return new PhantomSpec(dims, spacing, seed, tiltDegrees, droppedSlices, duplicatedSlices,
        reverseInstanceNumbers, value, seriesTag);
  }

  public PhantomSpec withSeriesTag(String value) {
    return new PhantomSpec(dims, spacing, seed, tiltDegrees, droppedSlices, duplicatedSlices,
        reverseInstanceNumbers, modality, value);
  }
}
