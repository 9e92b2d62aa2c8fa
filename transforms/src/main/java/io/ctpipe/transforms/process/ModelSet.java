package io.ctpipe.transforms.process;

import io.ctpipe.models.bpr.BodyPartRegression;
import io.ctpipe.models.segment.SegmentationSetup;
import io.ctpipe.models.segment.Segmenter;
import java.util.ArrayList;
import java.util.List;

/**
 * The models one worker thread runs, opened from a {@link RunConfiguration}: body part regression (optional) and
 * segmenters, each holding a lease on a JVM-wide shared network (oneDNN or ONNX Runtime).
 */
final class ModelSet implements AutoCloseable {
  private final RunConfiguration configuration;
  private final BodyPartRegression bpr;
  private final List<Segmenter> segmenters = new ArrayList<>();

  ModelSet(RunConfiguration configuration) throws Exception {
    this.configuration = configuration;
    try {
      bpr = configuration.bpr() == null ? null : new BodyPartRegression(configuration.bpr(), null,
          configuration.bprInference());
      for (SegmentationSetup setup : configuration.segmentation()) {
        segmenters.add(new Segmenter(setup));
      }
    } catch (Exception e) {
      close();
      throw e;
    }
  }

  RunConfiguration configuration() {
    return configuration;
  }

  BodyPartRegression bpr() {
    return bpr;
  }

  List<Segmenter> segmenters() {
    return segmenters;
  }

  @Override
  public void close() {
    for (Segmenter s : segmenters) {
      s.close();
    }
    if (bpr != null) {
      bpr.close();
    }
  }
}
