package io.ctpipe.models.qa;

import io.ctpipe.dicom.DicomFormatException;
import io.ctpipe.dicom.seg.SegmentInfo;
import io.ctpipe.dicom.seg.Segmentation;
import io.ctpipe.dicom.volume.CtVolume;
import io.ctpipe.dicom.volume.LabelMap;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A DICOM SEG's segments measured on their CT, keyed by segment number. Segments that do not overlap are measured
 * in one pass over one label map; when any voxel belongs to several segments (BINARY and FRACTIONAL allow it), each
 * segment is measured alone, one label map reused for all, so every segment keeps all its voxels.
 *
 * @param overlappingVoxels voxels claimed by more than one segment
 */
public record SegMeasurement(Map<Integer, StructureFacts> facts, long overlappingVoxels) {
  public static SegMeasurement of(Segmentation seg, CtVolume ct) throws DicomFormatException {
    VoxelGrid grid = VoxelGrid.of(ct);
    Segmentation.OnGrid all = seg.onGrid(ct);
    if (all.overlappingVoxels() == 0) {
      return new SegMeasurement(StructureMeasurer.measure(all.labels(), grid), 0);
    }
    Map<Integer, StructureFacts> facts = new TreeMap<>();
    LabelMap one = all.labels();
    for (SegmentInfo segment : seg.segments()) {
      Arrays.fill(one.labels(), (short) 0);
      boolean[] mask = seg.mask(segment.number(), ct);
      for (int i = 0; i < mask.length; i++) {
        if (mask[i]) {
          one.set(i, segment.number());
        }
      }
      StructureFacts f = StructureMeasurer.measure(one, grid).get(segment.number());
      if (f != null) {
        facts.put(segment.number(), f);
      }
    }
    return new SegMeasurement(facts, all.overlappingVoxels());
  }
}
