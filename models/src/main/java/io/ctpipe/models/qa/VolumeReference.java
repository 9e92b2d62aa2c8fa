package io.ctpipe.models.qa;

import java.util.Map;
import java.util.Optional;

/**
 * Plausible adult volumes of the major solid organs: from the reference masses of ICRP Publication 89 (adult male
 * and female; 1 g taken as 1 ml, soft tissue being 1.03–1.06 g/ml), the range runs from the female mass divided by
 * {@link #FACTOR} to the male mass times it. The range is meant to catch segmentation faults (an organ cut in half,
 * two organs merged, a label on the wrong organ), not to diagnose: enlarged or atrophic organs of patients can
 * fall outside it and are then worth a look anyway. Hollow organs (contents vary: stomach, gallbladder, urinary
 * bladder), lungs (inspiration) and structures without a reference mass are not checked.
 */
public record VolumeReference(double femaleGrams, double maleGrams) {
  /** How far, as a factor either way, a volume may lie from the reference masses. */
  public static final double FACTOR = 2.5;

  /** ICRP 89 adult reference masses (female, male) in g; paired organs per side (half the pair's mass). */
  private static final Map<String, VolumeReference> TABLE = Map.of(
      "liver", new VolumeReference(1400, 1800),
      "spleen", new VolumeReference(130, 150),
      "kidney_left", new VolumeReference(137.5, 155),
      "kidney_right", new VolumeReference(137.5, 155),
      "pancreas", new VolumeReference(120, 140),
      "brain", new VolumeReference(1300, 1450),
      "thyroid_gland", new VolumeReference(17, 20),
      "prostate", new VolumeReference(17, 17),
      "adrenal_gland_left", new VolumeReference(6.5, 7),
      "adrenal_gland_right", new VolumeReference(6.5, 7));

  public static Optional<VolumeReference> of(StructureName name) {
    return Optional.ofNullable(TABLE.get(name.name()));
  }

  public double minMl() {
    return femaleGrams / FACTOR;
  }

  public double maxMl() {
    return maleGrams * FACTOR;
  }
}
