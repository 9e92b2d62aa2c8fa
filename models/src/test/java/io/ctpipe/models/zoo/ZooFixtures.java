package io.ctpipe.models.zoo;

import io.ctpipe.dicom.phantom.TorsoPhantom;
import io.ctpipe.models.runtime.OrtPredictor;
import io.ctpipe.models.runtime.OrtSessions;

/** Test inputs: phantom anatomy as model input, and zoo models opened in ONNX Runtime. */
public final class ZooFixtures {
  private ZooFixtures() {}

  /**
   * The torso phantom (noise-free) sampled on a grid in model order (axis 2 fastest), scaled like tissue-ct's input:
   * clip(HU, -1024, 2048) / 1000. Axis 0 = left-right, 1 = anterior-posterior, 2 = feet-head.
   */
  public static float[] phantomInput(int[] size, double spacingMm) {
    return new TorsoPhantom(9).sampleModelOrder(size, spacingMm,
        hu -> Math.max(-1024, Math.min(2048, hu)) * TissueCt.SCALE);
  }

  /** Opens a zoo model in ONNX Runtime with one intra-op thread per core. */
  public static OrtPredictor open(ZooModel model) throws Exception {
    OrtSessions.Lease lease = OrtSessions.acquire(model.onnx(), model.id() + java.util.Arrays.toString(model.roi()),
        Runtime.getRuntime().availableProcessors());
    return new OrtPredictor(lease, null, null, model.roi());
  }
}
