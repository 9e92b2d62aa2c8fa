package io.ctpipe.transforms.process;

import io.ctpipe.models.bpr.BodyPartRegression;
import io.ctpipe.models.runtime.BackendUnavailableException;
import io.ctpipe.models.segment.SegmentationSetup;
import io.ctpipe.models.segment.Segmenter;
import java.util.ArrayList;
import java.util.List;

/**
 * The models one worker thread runs, opened from a {@link RunConfiguration} on exactly the backends and precisions
 * it was resolved to: body part regression (optional) and segmenters, each holding a lease on a JVM-wide shared
 * network (oneDNN or ONNX Runtime). A model this worker cannot run on its resolved backend is kept with the reason,
 * so that each series fails it as a dead letter instead of the worker failing or running something else.
 */
final class ModelSet implements AutoCloseable {
  /** One segmentation model: its setup and either its open segmenter or why it cannot run here. */
  record Segmentation(SegmentationSetup setup, Segmenter segmenter, BackendUnavailableException unavailable) {}

  private final RunConfiguration configuration;
  private BodyPartRegression bpr;
  private BackendUnavailableException bprUnavailable;
  private final List<Segmentation> segmentations = new ArrayList<>();

  ModelSet(RunConfiguration configuration) throws Exception {
    this.configuration = configuration;
    try {
      if (configuration.bpr() != null) {
        try {
          bpr = new BodyPartRegression(configuration.bpr(), null, configuration.bprInference());
        } catch (BackendUnavailableException e) {
          bprUnavailable = e;
        }
      }
      for (SegmentationSetup setup : configuration.segmentation()) {
        try {
          segmentations.add(new Segmentation(setup, new Segmenter(setup), null));
        } catch (BackendUnavailableException e) {
          segmentations.add(new Segmentation(setup, null, e));
        }
      }
    } catch (Exception e) {
      close();
      throw e;
    }
  }

  RunConfiguration configuration() {
    return configuration;
  }

  /** Body part regression, or null when the run has none or it cannot run here ({@link #bprUnavailable()}). */
  BodyPartRegression bpr() {
    return bpr;
  }

  /** Why the configured body part regression cannot run on this worker, or null. */
  BackendUnavailableException bprUnavailable() {
    return bprUnavailable;
  }

  List<Segmentation> segmentations() {
    return segmentations;
  }

  @Override
  public void close() {
    for (Segmentation s : segmentations) {
      if (s.segmenter() != null) {
        s.segmenter().close();
      }
    }
    if (bpr != null) {
      bpr.close();
    }
  }
}
