package io.ctpipe.models.card;

import io.ctpipe.models.runtime.Precision;
import io.ctpipe.models.tiling.Accumulation;
import io.ctpipe.models.tiling.BlendMode;
import io.ctpipe.models.tiling.TilingOptions;
import com.fasterxml.jackson.annotation.JsonCreator;
import io.ctpipe.dicom.EnumChoices;
import java.util.Locale;

/**
 * Sliding-window settings by name, chosen from the trade-off study on ct-small-117 (docs/benchmarks.md, "Sliding-window
 * trade-offs"). A card may name its default ({@code "profile"}); {@code --profile} overrides it; explicit flags
 * (--overlap, --accumulation, --precision, …) override a profile.
 */
public enum SpeedProfile {
  /**
   * Overlap 0, gaussian, top-3 accumulation without its recheck (which would run most windows twice), cropped to the
   * body (above {@value #BODY_HU} HU) unless the card crops, air windows (below −900 HU) skipped, the card's
   * precision. 98.5 % of voxels equal to the overlap-0.625 FULL reference on ct-small-117's own training data, but on
   * volumes unlike it only 93–96.5 % and small labels lost at window seams: below the 97 % it was chosen for, and no
   * setting short of the reference's windows reaches it there (docs/benchmarks.md, "The profiles").
   */
  FAST(0.0, Accumulation.TOPK, false, true, -900f, null),
  /** As FAST with overlap 0.5 and top-3's recheck (labels equal FULL with the same windows). */
  BALANCED(0.5, Accumulation.TOPK, true, true, -900f, null),
  /** The card's overlap, blend and crop (what its authors validated), float32, STREAMING (labels equal FULL). */
  ACCURATE(Double.NaN, Accumulation.STREAMING, true, false, Float.NaN, Precision.FP32);

  /** Where the profiles that crop put the body's outline: between air (−1000 HU) and fat (about −100 HU). */
  public static final double BODY_HU = -500;

  private final double overlap;
  private final Accumulation accumulation;
  private final boolean recheck;
  private final boolean cropToBody;
  private final float skipBelowHu;
  private final Precision precision;

  SpeedProfile(double overlap, Accumulation accumulation, boolean recheck, boolean cropToBody, float skipBelowHu,
      Precision precision) {
    this.overlap = overlap;
    this.accumulation = accumulation;
    this.recheck = recheck;
    this.cropToBody = cropToBody;
    this.skipBelowHu = skipBelowHu;
    this.precision = precision;
  }

  /**
   * The precision to run a card in: ACCURATE float32, the others the card's own (bf16 and int8 cost ct-small-117
   * a label's Dice below 0.98, so no profile lowers precision by itself; an int8 card stays int8).
   */
  public Precision precision(Precision cardPrecision) {
    return precision != null ? precision : cardPrecision;
  }

  /** The card to preprocess with: cropped to the body when this profile crops and the card does not. */
  public ModelCard preprocessing(ModelCard card) {
    return cropToBody && Double.isNaN(card.cropThresholdHu()) ? card.withCrop(BODY_HU) : card;
  }

  /** The card's options with this profile's settings; {@code inputOfHu} maps an HU value to the model's input. */
  public TilingOptions apply(TilingOptions card, java.util.function.DoubleUnaryOperator inputOfHu) {
    TilingOptions o = card.withAccumulation(accumulation).withTopK(TilingOptions.DEFAULT_TOP_K).withRecheck(recheck);
    if (!Double.isNaN(overlap)) {
      o = o.withOverlap(overlap).withMode(BlendMode.GAUSSIAN);
    }
    return Float.isNaN(skipBelowHu) ? o : o.withSkipBelow((float) inputOfHu.applyAsDouble(skipBelowHu));
  }

  /** The HU below which whole windows are skipped as air (NaN: none skipped). */
  public float skipBelowHu() {
    return skipBelowHu;
  }

  public String label() {
    return EnumChoices.label(this);
  }

  /** Parses a profile's name in any case, with a message naming the profiles (also how Beam options read it). */
  @JsonCreator
  public static SpeedProfile parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      // no cause: Jackson (Beam's option parser) reports the innermost message, which must be this one
      throw new IllegalArgumentException("profile '" + value + "' is not " + EnumChoices.alternatives(
          SpeedProfile.class));
    }
  }
}
