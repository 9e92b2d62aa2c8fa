package io.ctpipe.models.qa;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A structure's name in TotalSegmentator's spelling (lower case, words joined by underscores: kidney_left,
 * lung_upper_lobe_right, vertebrae_L1, rib_left_3), and what it says: side and spinal level.
 */
public record StructureName(String name) {
  /** Vertebra names from the most superior to the most inferior. */
  private static final List<String> VERTEBRAE = List.of("C1", "C2", "C3", "C4", "C5", "C6", "C7", "T1", "T2", "T3",
      "T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11", "T12", "L1", "L2", "L3", "L4", "L5", "S1");

  /** The body's side a name places a structure on. */
  public enum Side {
    LEFT, RIGHT;

    Side other() {
      return this == LEFT ? RIGHT : LEFT;
    }

    String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Lower case with spaces and hyphens as underscores ("Kidney Left" → kidney_left); vertebra levels kept upper. */
  public static StructureName of(String raw) {
    String n = raw.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s\\-]+", "_");
    if (n.startsWith("vertebrae_")) {
      n = "vertebrae_" + n.substring("vertebrae_".length()).toUpperCase(Locale.ROOT);
    }
    return new StructureName(n);
  }

  /** The side the name says, from a word left or right anywhere in it. */
  public Optional<Side> side() {
    for (String word : name.split("_")) {
      for (Side s : Side.values()) {
        if (word.equals(s.word())) {
          return Optional.of(s);
        }
      }
    }
    return Optional.empty();
  }

  /** The same structure on the other side (kidney_left → kidney_right), if the name has a side. */
  public Optional<StructureName> partner() {
    return side().map(s -> new StructureName(String.join("_", java.util.Arrays.stream(name.split("_"))
        .map(w -> w.equals(s.word()) ? s.other().word() : w).toList())));
  }

  /** Position of a vertebra from C1 (0) down to S1, if the name is one. */
  public Optional<Integer> vertebraLevel() {
    if (!name.startsWith("vertebrae_")) {
      return Optional.empty();
    }
    int level = VERTEBRAE.indexOf(name.substring("vertebrae_".length()));
    return level < 0 ? Optional.empty() : Optional.of(level);
  }
}
