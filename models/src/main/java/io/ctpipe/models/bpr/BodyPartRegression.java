package io.ctpipe.models.bpr;

import io.ctpipe.dicom.volume.HuVolume;
import io.ctpipe.models.runtime.InferenceSettings;
import io.ctpipe.models.runtime.ResolvedInference;

/**
 * Body part regression of CT volumes with one model card: preprocess, score every slice,
 * post-process the curve and check it. Holds a shared network (oneDNN or ONNX Runtime); one instance per thread; close it when done.
 */
public final class BodyPartRegression implements AutoCloseable {
  private final BprCard card;
  private final SliceScorer scorer;

  /** @param batch slices per network call (null: the card's); the card's runtime and precision */
  public BodyPartRegression(BprCard card, Integer batch, int threads) throws Exception {
    this(card, batch, card.inference(threads));
  }

  /** @param batch slices per network call (null: the card's); settings resolved here (AUTO falls back) */
  public BodyPartRegression(BprCard card, Integer batch, InferenceSettings settings) throws Exception {
    this(card, new SliceScorer(card, batch != null ? batch : card.batch(), settings));
  }

  /**
   * @param batch slices per network call (null: the card's)
   * @param runs exactly what scores the slices, as resolved at launch
   */
  public BodyPartRegression(BprCard card, Integer batch, ResolvedInference runs) throws Exception {
    this(card, new SliceScorer(card, batch != null ? batch : card.batch(), runs));
  }

  private BodyPartRegression(BprCard card, SliceScorer scorer) {
    this.card = card;
    this.scorer = scorer;
  }

  /** Which backend and precision score the slices. */
  public io.ctpipe.models.runtime.OpenedNetwork network() {
    return scorer.network();
  }

  public BprCard card() {
    return card;
  }

  /**
   * @param dicomBodyPart the series' Body Part Examined (0018,0015), or null
   */
  public BprReport run(HuVolume ct, String dicomBodyPart) throws Exception {
    long t0 = System.nanoTime();
    BprSlices slices = BprPreprocessor.prepare(ct);
    long t1 = System.nanoTime();
    float[] raw = scorer.score(slices);
    long t2 = System.nanoTime();
    BprSettings settings = card.settings();
    ScoreCurve curve = ScoreCurve.of(raw, slices.sliceSpacing(), settings);
    String tag = BodyPartTag.estimate(curve.cleaned(), curve.dz(), curve.validZSpacing(), settings);
    return new BprReport(card, slices.axes(), slices.resizedRows(), slices.resizedColumns(), raw,
        curve, BodyPartExamined.slices(curve.cleaned(), settings), tag, SliceAnomalies.find(curve),
        BodyPartCheck.compare(dicomBodyPart, tag), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
        (System.nanoTime() - t2) / 1_000_000);
  }

  @Override
  public void close() {
    scorer.close();
  }
}
