package io.ctpipe.models.bpr;

import io.ctpipe.models.card.ModelCards;
import io.ctpipe.models.runtime.InferenceBackends;
import io.ctpipe.models.runtime.InferenceSettings;
import io.ctpipe.models.runtime.NetworkFile;
import io.ctpipe.models.runtime.ResolvedInference;
import io.ctpipe.models.runtime.OpenedNetwork;
import io.ctpipe.models.tiling.WindowPredictor;
import java.nio.FloatBuffer;

/**
 * Scores preprocessed slices with a body-part-regression network (N×1×128×128 in, one raw score per slice out),
 * batch after batch, on the backend the settings choose (oneDNN or ONNX Runtime). Holds a shared network; one
 * instance per thread; close it when done.
 */
public final class SliceScorer implements AutoCloseable {
  private static final int SLICE = BprPreprocessor.SIZE * BprPreprocessor.SIZE;
  private static final int[] SLICE_SIZE = {BprPreprocessor.SIZE, BprPreprocessor.SIZE};
  private final OpenedNetwork network;
  private final int batch;

  /** Resolves {@code settings} on this machine and opens the network (AUTO falls back, saying why). */
  public SliceScorer(BprCard card, int batch, InferenceSettings settings) throws Exception {
    this(batch, InferenceBackends.open(network(card, batch), SLICE_SIZE, settings));
  }

  /**
   * Opens exactly {@code runs}, as resolved at launch.
   *
   * @throws io.ctpipe.models.runtime.BackendUnavailableException when this machine cannot run it
   */
  public SliceScorer(BprCard card, int batch, ResolvedInference runs) throws Exception {
    this(batch, InferenceBackends.open(network(card, batch), SLICE_SIZE, runs));
  }

  /** What body part regression networks take: one 128×128 slice per item. */
  public static int[] sliceSize() {
    return SLICE_SIZE.clone();
  }

  private SliceScorer(int batch, OpenedNetwork network) {
    this.network = network;
    if (network.predictor().outputChannels() != 1) {
      network.close();
      throw new IllegalArgumentException("the model returns " + network.predictor().outputChannels()
          + " values per slice; body part regression expects one score per slice (N or N×1)");
    }
    this.batch = batch;
  }

  /** The rule for slices per network call, also checked on command lines before any file is read. */
  public static int requireBatch(int batch) {
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be at least 1, got " + batch);
    }
    return batch;
  }

  private static NetworkFile network(BprCard card, int batch) throws Exception {
    requireBatch(batch);
    return card.network(ModelCards.verifiedSha256(card.file(), card.sha256(), card.id()));
  }

  /** Which backend and precision score the slices, and why when not the ones asked for. */
  public OpenedNetwork network() {
    return network;
  }

  /** Raw network scores, one per slice, in slice order. */
  public float[] score(BprSlices slices) throws Exception {
    float[] scores = new float[slices.count()];
    WindowPredictor predictor = network.predictor();
    for (int start = 0; start < slices.count(); start += batch) {
      int n = Math.min(batch, slices.count() - start);
      FloatBuffer input = predictor.inputBuffer(n);
      input.clear();
      input.put(slices.pixels(), start * SLICE, n * SLICE);
      FloatBuffer out = predictor.predict(n);
      if (out.remaining() != n) {
        throw new IllegalStateException("the model returned " + out.remaining() + " values for " + n + " slices");
      }
      out.get(scores, start, n);
    }
    return scores;
  }

  @Override
  public void close() {
    network.close();
  }
}
