package io.ctpipe.models.zoo;

import io.ctpipe.dicom.phantom.TorsoPhantom;
import io.ctpipe.models.runtime.OnnxSegmentationModel;
import io.ctpipe.models.runtime.OrtSessions;

/** Test inputs: phantom anatomy as model input, and zoo models opened in ONNX Runtime. */
public final class ZooFixtures {
  private ZooFixtures() {}

  /**
   * The torso phantom (noise-free) sampled on a grid in model order (axis 2 fastest), scaled like tissue-ct's input:
   * clip(HU, -1024, 2048) / 1000. Axis 0 = left-right, 1 = anterior-posterior, 2 = feet-head.
   */
  public static float[] phantomInput(int[] size, double spacingMm) {
    TorsoPhantom phantom = new TorsoPhantom(9);
    float[] v = new float[size[0] * size[1] * size[2]];
    int i = 0;
    for (int x = 0; x < size[0]; x++) {
      for (int y = 0; y < size[1]; y++) {
        for (int z = 0; z < size[2]; z++, i++) {
          double hu = phantom.tissue((x - (size[0] - 1) / 2.0) * spacingMm, (y - (size[1] - 1) / 2.0) * spacingMm,
              (z + 0.5) / size[2]);
          v[i] = (float) (Math.max(-1024, Math.min(2048, hu)) * TissueCt.SCALE);
        }
      }
    }
    return v;
  }

  /** Opens a zoo model in ONNX Runtime with one intra-op thread per core. */
  public static OnnxSegmentationModel open(ZooModel model) throws Exception {
    OrtSessions.Lease lease = OrtSessions.acquire(model.onnx(), model.id() + java.util.Arrays.toString(model.roi()),
        Runtime.getRuntime().availableProcessors());
    return new OnnxSegmentationModel(lease, null, null, model.roi());
  }
}
