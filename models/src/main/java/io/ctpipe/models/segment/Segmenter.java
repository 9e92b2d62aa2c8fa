package io.ctpipe.models.segment;

import io.ctpipe.dicom.volume.HuVolume;
import io.ctpipe.dicom.volume.LabelMap;
import io.ctpipe.models.card.ModelCard;
import io.ctpipe.models.card.SpeedProfile;
import io.ctpipe.models.runtime.InferenceOverrides;
import io.ctpipe.models.preprocess.Inverter;
import io.ctpipe.models.preprocess.Preprocessor;
import io.ctpipe.models.runtime.InferenceBackends;
import io.ctpipe.models.runtime.InferenceSettings;
import io.ctpipe.models.runtime.OpenedNetwork;
import io.ctpipe.models.tiling.TiledInference;
import io.ctpipe.models.tiling.TilingOptions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Segments CT volumes with one model card: preprocess, tiled inference (oneDNN or ONNX Runtime, as the settings
 * choose), labels back on the CT grid. Holds a shared network; not thread-safe (one per thread), close it when done.
 */
public final class Segmenter implements AutoCloseable {
  private final SegmentationSetup setup;
  private final OpenedNetwork network;

  /** Runs the card's model with the card's runtime, precision and profile and {@code threads} ONNX Runtime threads. */
  public Segmenter(ModelCard card, int threads) throws Exception {
    this(SegmentationSetup.of(card, null, InferenceOverrides.cardDefaults(threads)));
  }

  /** Runs the card's model with exactly these inference settings and the card's own tiling (no profile). */
  public Segmenter(ModelCard card, InferenceSettings settings) throws Exception {
    this(SegmentationSetup.exactly(card, settings));
  }

  /**
   * Runs the card's model with {@code profile} (null: the card's, if it names one) and a command line's overrides;
   * an explicit precision wins over the profile's.
   */
  public static Segmenter open(ModelCard card, SpeedProfile profile, InferenceOverrides overrides) throws Exception {
    return new Segmenter(SegmentationSetup.of(card, profile, overrides));
  }

  /**
   * Opens exactly the backend and precision the setup was resolved to.
   *
   * @throws io.ctpipe.models.runtime.BackendUnavailableException when this machine cannot run them
   */
  public Segmenter(SegmentationSetup setup) throws Exception {
    this.setup = setup;
    this.network = InferenceBackends.open(setup.card().network(setup.sha256()), setup.card().roiSize(),
        setup.inference());
    if (network.predictor().outputChannels() != setup.card().outChannels()) {
      close();
      throw new IllegalArgumentException("model '" + setup.card().id() + "' returns "
          + network.predictor().outputChannels() + " channels but its card says " + setup.card().outChannels());
    }
  }

  /** The model, its settings and their identity. */
  public SegmentationSetup setup() {
    return setup;
  }

  /** The card as run: with the profile's crop when it adds one (so that results' identities include it). */
  public ModelCard card() {
    return setup.card();
  }

  /** The opened network: the backend and precision of {@link SegmentationSetup#inference()}. */
  public OpenedNetwork network() {
    return network;
  }

  /** The profile in use, or null for the card's own settings. */
  public SpeedProfile profile() {
    return setup.profile();
  }

  /** The card's sliding-window settings (STREAMING, no air skipping) with the profile's applied. */
  public TilingOptions defaultOptions() {
    return setup.tiling();
  }

  /** A card's sliding-window settings (STREAMING, no air skipping) with a profile's applied (null: none). */
  public static TilingOptions options(ModelCard card, SpeedProfile profile) {
    TilingOptions own = TilingOptions.of(card.roiSize(), card.overlap(), card.mode())
        .withSigmaScale(card.sigmaScale()).withBatch(card.batch()).withPadValue(card.padValue());
    return profile == null ? own : profile.apply(own, hu -> card.intensity().apply((float) hu));
  }

  /** Input value of an HU threshold, for {@link TilingOptions#withSkipBelow}. */
  public float inputValueOf(float hu) {
    return setup.card().intensity().apply(hu);
  }

  public SegmentationRun segment(HuVolume ct, TilingOptions options) throws Exception {
    long t0 = System.nanoTime();
    Preprocessor.Prepared input = Preprocessor.prepare(ct, setup.card());
    long t1 = System.nanoTime();
    TiledInference.Result result = TiledInference.run(input.values(), input.grid().size(), network.predictor(),
        options, setup.inference().threads());
    long t2 = System.nanoTime();
    LabelMap labels = Inverter.toCtGrid(result.labels(), input.grid(), ct.dims());
    long t3 = System.nanoTime();
    double voxelMl = ct.spacing()[0] * ct.spacing()[1] * ct.spacing()[2] / 1000.0;
    Map<Integer, Long> voxels = new LinkedHashMap<>();
    Map<Integer, Double> ml = new LinkedHashMap<>();
    long[] histogram = labels.histogram();
    for (int label = 1; label < histogram.length; label++) {
      if (histogram[label] > 0) {
        voxels.put(label, histogram[label]);
        ml.put(label, histogram[label] * voxelMl);
      }
    }
    return new SegmentationRun(labels, input.grid().size().clone(), result.stats(), (t1 - t0) / 1_000_000,
        result.stats().inferenceNanos() / 1_000_000, result.stats().blendNanos() / 1_000_000,
        (t3 - t2) / 1_000_000, voxels, ml);
  }

  @Override
  public void close() {
    network.close();
  }
}
