package io.ctpipe.models.qa;

import io.ctpipe.dicom.volume.HuVolume;
import io.ctpipe.dicom.volume.LabelMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Judges a segmentation on its CT: measures every labelled structure ({@link StructureMeasurer}) and runs the
 * plausibility checks that need no body part regression (docs/segmentation-qa.md).
 */
public final class SegmentationQa {
  private SegmentationQa() {}

  /**
   * @param names the structure name of every label value present in {@code labels}
   * @throws IllegalArgumentException when the label map is not on the CT's grid or a present value has no name
   */
  public static QaReport judge(HuVolume ct, LabelMap labels, Map<Integer, String> names) {
    return judge(ct, StructureMeasurer.measure(labels, VoxelGrid.of(ct)), names);
  }

  /**
   * Judges structures measured beforehand (e.g. overlapping SEG segments, one at a time: {@link SegMeasurement}).
   *
   * @param facts per label value, measured on the CT's grid
   * @param names the structure name of every label value in {@code facts}
   */
  public static QaReport judge(HuVolume ct, Map<Integer, StructureFacts> facts, Map<Integer, String> names) {
    VoxelGrid grid = VoxelGrid.of(ct);
    List<Segment> segments = new ArrayList<>();
    for (Map.Entry<Integer, StructureFacts> e : facts.entrySet()) {
      String name = names.get(e.getKey());
      if (name == null) {
        throw new IllegalArgumentException("label value " + e.getKey() + " occurs in the label map ("
            + e.getValue().voxels() + " voxels) but no segment description names it");
      }
      segments.add(new Segment(e.getKey(), StructureName.of(name), e.getValue()));
    }
    Optional<Midline> midline = Midline.find(segments, ct, grid);
    Map<Integer, List<CheckOutcome>> outcomes = new LinkedHashMap<>();
    List<StructureCheck> checks = List.of(new LateralityCheck(midline), new FragmentationCheck(),
        new TruncationCheck(), new VolumeCheck(), new OrderCheck());
    checks.forEach(c -> c.judge(segments, outcomes));
    List<QaReport.SegmentReport> reports = segments.stream().map(s -> new QaReport.SegmentReport(s,
        outcomes.getOrDefault(s.labelValue(), List.of()))).toList();
    return new QaReport(grid, midline.orElse(null), reports);
  }
}
