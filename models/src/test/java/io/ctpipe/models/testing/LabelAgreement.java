package io.ctpipe.models.testing;

import java.util.Map;
import java.util.TreeMap;

/** How far two label maps of one grid agree: the share of equal voxels and each label's Dice. */
public record LabelAgreement(double equal, Map<Integer, Double> dice) {
  public static LabelAgreement of(short[] reference, short[] labels) {
    long same = 0;
    Map<Integer, long[]> counts = new TreeMap<>();
    for (int i = 0; i < reference.length; i++) {
      same += reference[i] == labels[i] ? 1 : 0;
      counts.computeIfAbsent((int) reference[i], l -> new long[3])[0]++;
      counts.computeIfAbsent((int) labels[i], l -> new long[3])[1]++;
      if (reference[i] == labels[i]) {
        counts.get((int) labels[i])[2]++;
      }
    }
    Map<Integer, Double> dice = new TreeMap<>();
    counts.forEach((label, c) -> {
      if (label > 0) {
        dice.put(label, 2.0 * c[2] / (c[0] + c[1]));
      }
    });
    return new LabelAgreement(same / (double) reference.length, dice);
  }

  /** The lowest Dice over the labels either map holds (1 when neither holds any). */
  public double worstDice() {
    return dice.values().stream().mapToDouble(Double::doubleValue).min().orElse(1);
  }

  /** The label with the lowest Dice, for messages. */
  public int worstLabel() {
    return dice.entrySet().stream().min(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(0);
  }

  @Override
  public String toString() {
    return String.format("%.4f %% of voxels equal, worst Dice %.4f (label %d)", 100 * equal, worstDice(),
        worstLabel());
  }
}
