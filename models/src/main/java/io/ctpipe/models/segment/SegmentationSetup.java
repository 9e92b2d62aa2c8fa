package io.ctpipe.models.segment;

import io.ctpipe.dicom.seg.SegmentDescription;
import io.ctpipe.models.card.ModelCard;
import io.ctpipe.models.card.ModelCards;
import io.ctpipe.models.card.SpeedProfile;
import io.ctpipe.models.runtime.InferenceBackends;
import io.ctpipe.models.runtime.InferenceOverrides;
import io.ctpipe.models.runtime.InferenceSettings;
import io.ctpipe.models.runtime.InferenceResolver;
import io.ctpipe.models.runtime.ResolvedInference;
import io.ctpipe.models.tiling.TilingOptions;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * Everything that decides a segmentation's result, resolved and validated before any CT is read: the card as run
 * (with its profile's preprocessing), the model file's SHA-256, the tiling, and the backend and precision that run
 * it, with the reason when they are not the ones asked for. {@link #identity()} spells all of it out; {@link #hash()}
 * names it in SEG UIDs and per-series result folders.
 *
 * @param profile the profile in use, or null for the card's own settings
 * @param inference what runs the network (never AUTO), as {@link InferenceBackends#resolve} decided
 */
public record SegmentationSetup(ModelCard card, String sha256, SpeedProfile profile, ResolvedInference inference,
    TilingOptions tiling) {

  /** As {@link #of(ModelCard, SpeedProfile, InferenceOverrides, InferenceResolver)}, resolved on this machine. */
  public static SegmentationSetup of(ModelCard card, SpeedProfile profile, InferenceOverrides overrides)
      throws Exception {
    return of(card, profile, overrides, InferenceResolver.here());
  }

  /**
   * The card with {@code profile} (null: the card's, if it names one) and a command line's overrides; an explicit
   * precision wins over the profile's. Checks the model file against the card's hash, then asks {@code resolver}
   * what the network runs on.
   *
   * @throws IllegalArgumentException when the settings are inconsistent (e.g. an overlap outside [0, 1)) or an
   *     explicit backend cannot run the network
   */
  public static SegmentationSetup of(ModelCard card, SpeedProfile profile, InferenceOverrides overrides,
      InferenceResolver resolver) throws Exception {
    SpeedProfile resolved = profile != null ? profile : card.profile();
    InferenceSettings asked = overrides.applyTo(card.runtime(), resolved == null ? card.precision()
        : resolved.precision(card.precision()));
    ModelCard asRun = resolved == null ? card : resolved.preprocessing(card);
    return resolve(asRun, resolved, asked, resolver);
  }

  /** The card's own settings and exactly these inference settings (no profile), resolved on this machine. */
  public static SegmentationSetup exactly(ModelCard card, InferenceSettings settings) throws Exception {
    return resolve(card, null, settings, InferenceResolver.here());
  }

  private static SegmentationSetup resolve(ModelCard asRun, SpeedProfile profile, InferenceSettings asked,
      InferenceResolver resolver) throws Exception {
    TilingOptions tiling = Segmenter.options(asRun, profile);
    String sha256 = ModelCards.verifiedSha256(asRun);
    return new SegmentationSetup(asRun, sha256, profile, resolver.resolve(asRun.network(sha256), asRun.roiSize(),
        asked), tiling);
  }

  /** The same model run with other sliding-window settings. */
  public SegmentationSetup withTiling(TilingOptions other) {
    return new SegmentationSetup(card, sha256, profile, inference, other);
  }

  /** Every setting that changes the labels or the SEG, as one line. */
  public String identity() {
    return "model=" + card.id() + "@" + card.version() + "#" + sha256 + " " + card.describeSettings() + " labels="
        + card.labels().stream().map(SegmentationSetup::label).collect(Collectors.joining(",")) + " tiling="
        + tiling.canonical() + " inference=" + inference.identity();
  }

  /** The first 16 hex digits of the identity's SHA-256. */
  public String hash() {
    return ModelCards.sha256(identity().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
  }

  private static String label(SegmentDescription d) {
    return d.labelValue() + ":" + d.label() + ":" + d.type().scheme() + "-" + d.type().code();
  }
}
