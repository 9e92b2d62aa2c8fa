package io.ctpipe.transforms.result;

import java.util.List;

/**
 * One segmentation model on one series: the model, whether it finished, its SEG (null when none was written), how
 * many labels it found, the windows it ran of those its grid has, and each label's statistics.
 */
public record ModelOutcome(ModelRun model, Status status, SegFile seg, int labelsFound, int windowsRun,
    int windowsTotal, List<LabelStatistics> labels) {
  public ModelOutcome {
    labels = List.copyOf(labels);
  }
}
