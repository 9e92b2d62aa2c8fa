package io.ctpipe.pipeline.bench;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Two label volumes compared voxel by voxel: agreement, voxels changed, agreement where either is labelled (not
 * background: air does not inflate it) and per-label Dice (2|A∩B| / (|A| + |B|)) for every label above 0 present in
 * either.
 */
record LabelComparison(long voxels, long changed, long labelled, Map<Integer, Double> dice,
    Map<Integer, Long> referenceVoxels) {
  double agreement() {
    return 1 - changed / (double) voxels;
  }

  /** Agreement over the voxels that either volume labels above 0 (every change is among them). */
  double labelledAgreement() {
    return labelled == 0 ? 1 : 1 - changed / (double) labelled;
  }

  double meanDice() {
    return dice.values().stream().mapToDouble(Double::doubleValue).average().orElse(1);
  }

  /** The label with the lowest Dice (0 when there are none). */
  int worstLabel() {
    return dice.entrySet().stream().min(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(0);
  }

  /** Voxels of the worst label in the reference. */
  long worstLabelVoxels() {
    return referenceVoxels.getOrDefault(worstLabel(), 0L);
  }

  double worstDice() {
    return dice.isEmpty() ? 1 : dice.get(worstLabel());
  }

  static LabelComparison of(short[] reference, short[] labels) {
    if (reference.length != labels.length) {
      throw new IllegalArgumentException("label volumes differ in size: " + reference.length + " and "
          + labels.length);
    }
    int max = 0;
    for (int i = 0; i < reference.length; i++) {
      max = Math.max(max, Math.max(reference[i], labels[i]));
    }
    long[] inReference = new long[max + 1];
    long[] inLabels = new long[max + 1];
    long[] both = new long[max + 1];
    long changed = 0;
    long labelled = 0;
    for (int i = 0; i < reference.length; i++) {
      labelled += reference[i] > 0 || labels[i] > 0 ? 1 : 0;
      inReference[reference[i]]++;
      inLabels[labels[i]]++;
      if (reference[i] == labels[i]) {
        both[reference[i]]++;
      } else {
        changed++;
      }
    }
    Map<Integer, Double> dice = new TreeMap<>();
    Map<Integer, Long> sizes = new TreeMap<>();
    for (int label = 1; label <= max; label++) {
      if (inReference[label] + inLabels[label] > 0) {
        dice.put(label, 2.0 * both[label] / (inReference[label] + inLabels[label]));
        sizes.put(label, inReference[label]);
      }
    }
    return new LabelComparison(reference.length, changed, labelled, dice, sizes);
  }

  static LabelComparison of(Path reference, Path labels) throws IOException {
    return of(read(reference), read(labels));
  }

  static void write(short[] labels, Path file) throws IOException {
    try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
      for (short v : labels) {
        out.writeShort(v);
      }
    }
  }

  static short[] read(Path file) throws IOException {
    long bytes = Files.size(file);
    if (bytes % 2 != 0 || bytes / 2 > Integer.MAX_VALUE - 8) {
      throw new IOException(file + " is not a label file written by a benchmark (" + bytes + " bytes)");
    }
    short[] labels = new short[(int) (bytes / 2)];
    try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
      for (int i = 0; i < labels.length; i++) {
        labels[i] = in.readShort();
      }
    }
    return labels;
  }
}
