package io.ctpipe.models.qa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctpipe.dicom.labelmap.NiftiCtVolume;
import io.ctpipe.dicom.volume.LabelMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StructureMeasurerTest {
  private static final int[] DIMS = {10, 8, 6};

  private static int index(int x, int y, int z) {
    return x + DIMS[0] * (y + DIMS[1] * z);
  }

  @Test
  void cornerNeighboursAreOneComponentAndSeparatedVoxelsTwo() {
    NiftiCtVolume ct = Phantoms.grid(DIMS, new double[] {1, 1, 1}, Phantoms.HEAD_FIRST_SUPINE);
    LabelMap map = LabelMap.empty(DIMS);
    map.set(index(2, 2, 2), 1);
    map.set(index(3, 3, 3), 1); // touches the first only at a corner: 26-connected
    map.set(index(6, 2, 2), 2);
    map.set(index(8, 2, 2), 2); // a gap of one voxel: two components
    map.set(index(8, 3, 2), 2);
    Map<Integer, StructureFacts> facts = StructureMeasurer.measure(map, VoxelGrid.of(ct));
    assertEquals(1, facts.get(1).components());
    assertEquals(2, facts.get(2).components());
    assertArrayEquals(new long[] {2, 1}, facts.get(2).largestComponents());
    assertEquals(2.0 / 3, facts.get(2).largestComponentShare(), 1e-12);
  }

  @Test
  void componentsJoinedLaterAreMergedAcrossSlices() {
    NiftiCtVolume ct = Phantoms.grid(DIMS, new double[] {1, 1, 1}, Phantoms.HEAD_FIRST_SUPINE);
    LabelMap map = LabelMap.empty(DIMS);
    // a U: two posts on slices 0..2 joined by a bar on slice 3
    for (int z = 0; z < 3; z++) {
      map.set(index(1, 1, z), 4);
      map.set(index(7, 1, z), 4);
    }
    for (int x = 1; x <= 7; x++) {
      map.set(index(x, 1, 3), 4);
    }
    assertEquals(1, StructureMeasurer.measure(map, VoxelGrid.of(ct)).get(4).components());
  }

  @Test
  void centroidBoxAndEndsAreInPatientCoordinatesOfAFeetFirstProneGrid() {
    double[] feetFirstProne = {1, 0, 0, 0, -1, 0, 0, 0, -1};
    NiftiCtVolume ct = Phantoms.grid(DIMS, new double[] {2, 3, 5}, feetFirstProne);
    LabelMap map = LabelMap.empty(DIMS);
    map.set(index(0, 2, 0), 7); // slice 0 is the most superior: slices run towards the feet
    map.set(index(4, 2, 0), 7);
    Map<Integer, StructureFacts> facts = StructureMeasurer.measure(map, VoxelGrid.of(ct));
    StructureFacts f = facts.get(7);
    double[] origin = ct.origin();
    assertArrayEquals(new double[] {origin[0] + 4, origin[1] - 6, origin[2]}, f.centroidMm(), 1e-9);
    assertArrayEquals(new int[] {0, 2, 0}, f.boxMinVoxel());
    assertArrayEquals(new int[] {4, 2, 0}, f.boxMaxVoxel());
    assertArrayEquals(new double[] {origin[0], origin[1] - 6, origin[2]}, f.boxMinMm(), 1e-9);
    assertArrayEquals(new double[] {origin[0] + 8, origin[1] - 6, origin[2]}, f.boxMaxMm(), 1e-9);
    assertTrue(f.touchesSuperiorEnd());
    assertFalse(f.touchesInferiorEnd());
    assertTrue(f.touchesFovEdge(), "column 0 is the in-plane edge");
    assertEquals(2, f.components());
    assertEquals(2 * 2 * 3 * 5 / 1000.0, f.volumeMl(), 1e-12);
  }

  @Test
  void interiorStructureTouchesNoEdge() {
    NiftiCtVolume ct = Phantoms.grid(DIMS, new double[] {1, 1, 1}, Phantoms.HEAD_FIRST_SUPINE);
    LabelMap map = LabelMap.empty(DIMS);
    map.set(index(1, 1, 1), 3);
    map.set(index(8, 6, 4), 3);
    StructureFacts f = StructureMeasurer.measure(map, VoxelGrid.of(ct)).get(3);
    assertFalse(f.touchesSuperiorEnd() || f.touchesInferiorEnd() || f.touchesFovEdge());
  }

  @Test
  void labelMapOffTheGridIsRefused() {
    NiftiCtVolume ct = Phantoms.grid(DIMS, new double[] {1, 1, 1}, Phantoms.HEAD_FIRST_SUPINE);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StructureMeasurer.measure(LabelMap.empty(new int[] {10, 8, 5}), VoxelGrid.of(ct)));
    assertEquals("label map [10, 8, 5] is not on the CT grid [10, 8, 6]", e.getMessage());
  }
}
