package io.ctpipe.models.bpr;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.ctpipe.models.card.ModelCards;
import io.ctpipe.models.runtime.OrtSessions;
import io.ctpipe.models.runtime.SessionSettings;
import io.ctpipe.models.runtime.TensorShapes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;

/**
 * Scores preprocessed slices with a body-part-regression network in ONNX Runtime (N×1×128×128 in, one raw score
 * per slice out), batch after batch through one reused direct input buffer. Holds a shared session lease; one
 * instance per thread; close it when done.
 */
public final class SliceScorer implements AutoCloseable {
  private static final int SLICE = BprPreprocessor.SIZE * BprPreprocessor.SIZE;
  private final OrtSessions.Lease lease;
  private final String inputName;
  private final String outputName;
  private final int batch;
  private final FloatBuffer input;

  public SliceScorer(BprCard card, int batch, int intraOpThreads) throws java.io.IOException, OrtException {
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be at least 1, got " + batch);
    }
    String hash = ModelCards.verifiedSha256(card.file(), card.sha256(), card.id());
    this.lease = OrtSessions.acquire(card.file(), hash, SessionSettings.threads(intraOpThreads));
    try {
      OrtSession session = lease.session();
      inputName = card.inputName() != null ? card.inputName() : session.getInputNames().iterator().next();
      outputName = card.outputName() != null ? card.outputName() : session.getOutputNames().iterator().next();
      checkShapes(session);
    } catch (RuntimeException | OrtException e) {
      lease.close();
      throw e;
    }
    this.batch = batch;
    this.input = ByteBuffer.allocateDirect(batch * SLICE * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
  }

  private void checkShapes(OrtSession session) throws OrtException {
    long[] in = TensorShapes.of(session.getInputInfo(), inputName, "input");
    long[] out = TensorShapes.of(session.getOutputInfo(), outputName, "output");
    if (in.length != 4 || (in[1] != 1) || (in[2] > 0 && in[2] != BprPreprocessor.SIZE)
        || (in[3] > 0 && in[3] != BprPreprocessor.SIZE)) {
      throw new IllegalArgumentException("the model's input is " + Arrays.toString(in)
          + "; body part regression feeds N×1×128×128 slices");
    }
    boolean scalarPerSlice = out.length == 1 || (out.length == 2 && out[1] == 1);
    if (!scalarPerSlice) {
      throw new IllegalArgumentException("the model's output is " + Arrays.toString(out)
          + "; body part regression expects one score per slice (N or N×1)");
    }
  }

  /** Raw network scores, one per slice, in slice order. */
  public float[] score(BprSlices slices) throws OrtException {
    float[] scores = new float[slices.count()];
    for (int start = 0; start < slices.count(); start += batch) {
      int n = Math.min(batch, slices.count() - start);
      input.clear();
      input.put(slices.pixels(), start * SLICE, n * SLICE);
      input.flip();
      try (OnnxTensor tensor = OnnxTensor.createTensor(OrtSessions.environment(), input,
          new long[] {n, 1, BprPreprocessor.SIZE, BprPreprocessor.SIZE});
          OrtSession.Result result = lease.session().run(Map.of(inputName, tensor))) {
        FloatBuffer out = ((OnnxTensor) result.get(outputName).orElseThrow()).getFloatBuffer();
        if (out.remaining() != n) {
          throw new IllegalStateException("the model returned " + out.remaining() + " values for " + n
              + " slices");
        }
        out.get(scores, start, n);
      }
    }
    return scores;
  }

  @Override
  public void close() throws OrtException {
    lease.close();
  }
}
