package io.ctpipe.models.segment;

import io.ctpipe.dicom.seg.SegmentDescription;
import io.ctpipe.models.card.ModelCard;
import io.ctpipe.models.card.ModelCards;
import io.ctpipe.models.card.SpeedProfile;
import io.ctpipe.models.runtime.InferenceOverrides;
import io.ctpipe.models.runtime.InferenceSettings;
import io.ctpipe.models.tiling.TilingOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * Everything that decides a segmentation's result, resolved and validated before any network is opened: the card as
 * run (with its profile's preprocessing), the model file's SHA-256, the tiling, the backend and precision asked for.
 * {@link #identity()} spells all of it out; {@link #hash()} names it in SEG UIDs and per-series result folders.
 *
 * @param profile the profile in use, or null for the card's own settings
 */
public record SegmentationSetup(ModelCard card, String sha256, SpeedProfile profile, InferenceSettings inference,
    TilingOptions tiling) {

  /**
   * The card with {@code profile} (null: the card's, if it names one) and a command line's overrides; an explicit
   * precision wins over the profile's. Checks the model file against the card's hash.
   *
   * @throws IllegalArgumentException when the settings are inconsistent (e.g. an overlap outside [0, 1))
   */
  public static SegmentationSetup of(ModelCard card, SpeedProfile profile, InferenceOverrides overrides)
      throws IOException {
    SpeedProfile resolved = profile != null ? profile : card.profile();
    InferenceSettings settings = overrides.applyTo(card.runtime(), resolved == null ? card.precision()
        : resolved.precision(card.precision()));
    ModelCard asRun = resolved == null ? card : resolved.preprocessing(card);
    return new SegmentationSetup(asRun, ModelCards.verifiedSha256(card), resolved, settings,
        Segmenter.options(asRun, resolved));
  }

  /** The card's own settings and exactly these inference settings (no profile). */
  public static SegmentationSetup exactly(ModelCard card, InferenceSettings settings) throws IOException {
    return new SegmentationSetup(card, ModelCards.verifiedSha256(card), null, settings, Segmenter.options(card, null));
  }

  /** The same model run with other sliding-window settings. */
  public SegmentationSetup withTiling(TilingOptions other) {
    return new SegmentationSetup(card, sha256, profile, inference, other);
  }

  /** Every setting that changes the labels or the SEG, as one line. */
  public String identity() {
    return "model=" + card.id() + "@" + card.version() + "#" + sha256 + " " + card.describeSettings() + " labels="
        + card.labels().stream().map(SegmentationSetup::label).collect(Collectors.joining(",")) + " tiling="
        + tiling.canonical() + " inference=" + inference.backend() + "/" + inference.precision();
  }

  /** The first 16 hex digits of the identity's SHA-256. */
  public String hash() {
    return ModelCards.sha256(identity().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
  }

  private static String label(SegmentDescription d) {
    return d.labelValue() + ":" + d.label() + ":" + d.type().scheme() + "-" + d.type().code();
  }
}
